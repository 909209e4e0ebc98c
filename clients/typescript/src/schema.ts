/**
 * Generated from clients/typescript/openapi.json by `npm run client:generate`: do not edit.
 * test/integration/client-drift.test.ts fails when this file and the server disagree.
 */
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and database reachability */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers (does not touch the database) */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (admin key, or the STOCKROOM_METRICS_TOKEN bearer token) */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: database reachable, migrations applied, not shutting down */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Correct onHand by a signed delta, with a reason */
        post: operations["adjustStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/demo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Load the demo into this database (what `stockroom demo` does): 3 regions and warehouses, 500 real SKUs with opening stock, a year of demand history, a supplier. Safe to repeat */
        post: operations["loadDemo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rebuild every position from the ledger and check the invariants of the model */
        get: operations["verifyLedger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The built-in defaults and every rule, least specific first */
        get: operations["listAlertRules"];
        /**
         * Set the alert thresholds of a scope: defaults ({}), a warehouse, a SKU, or a position
         * @description Replaces the rule of that scope. A threshold left out or null inherits from the less specific scope; the most specific value wins.
         */
        put: operations["putAlertRule"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alerts, newest first */
        get: operations["listAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An alert */
        get: operations["getAlert"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an open alert (who, note); it still resolves when its condition ends */
        post: operations["acknowledgeAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys (never their secrets) */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key; the secret is in this response only */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate an API key: a new key (secret in this response only) with the same name, role and warehouses; the old one keeps working for the grace period */
        post: operations["rotateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Availability of up to 1,000 SKUs at once */
        post: operations["getAvailabilityBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/availability/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sellable units of a SKU for a region, and which warehouses deliver them in how many days */
        get: operations["getAvailability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/back-in-stock-subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Subscriptions in queue order, with their status */
        get: operations["listBackInStockSubscriptions"];
        put?: never;
        /** Wait for a SKU to be sellable again (in a region): notified once, by email, or by webhook (admin and operator keys only) */
        post: operations["subscribeBackInStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/back-in-stock-subscriptions/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unsubscribe (no API key: the token is enough) */
        delete: operations["unsubscribeBackInStock"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/back-in-stock-subscriptions/{token}/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The unsubscribe link of a notice: unsubscribes and answers with a short HTML page */
        get: operations["unsubscribeBackInStockByLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/back-in-stock/waiting": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who waits: for one SKU (by region), or SKUs by number waiting, most first */
        get: operations["listBackInStockWaiting"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backorders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What purchasing must bring in: units reserved beyond physically free stock, by supplier */
        get: operations["listBackorders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The catalogue as CSV (the import format), streamed; costs included, so staff only */
        get: operations["exportCatalogCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import the catalogue (CSV); all or nothing, every bad row listed by line; safe to run again */
        post: operations["importCatalog"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The category tree, depth first */
        get: operations["listCategories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/categories/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A category */
        get: operations["getCategory"];
        /** Create a category or rename or move it (409 category_cycle, category_too_deep) */
        put: operations["putCategory"];
        post?: never;
        /** Delete a category without subcategories (409 category_has_children otherwise) */
        delete: operations["deleteCategory"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sales channels, by code */
        get: operations["listChannels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sales channel and its ring-fenced units */
        get: operations["getChannel"];
        /**
         * Create or update a sales channel: warehouses, buffer, cap, ring-fenced units
         * @description published = min(pool - buffer, cap) + ringFenced, where pool is the sellable units at the channel's warehouses and buffer = bufferUnits + ceil(pool * bufferPercent / 100). Ring-fences are locks owned by the channel (they need sellable stock); all of it is one transaction.
         */
        put: operations["putChannel"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/{code}/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The quantity the channel may show, per SKU (paginated; changedSince for incremental sync)
         * @description Every SKU of the catalogue, in SKU order. With changedSince (the syncToken of an earlier answer), only the SKUs whose published quantity may have changed since: never fewer, sometimes a few more.
         */
        get: operations["getChannelAvailability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/{code}/availability.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Marketplace feed: every SKU (or those changed since) as CSV, streamed
         * @description Header sku,published,ring_fenced,pool,listed,title,price,product; the sync token is in the Stockroom-Sync-Token response header.
         */
        get: operations["exportChannelAvailabilityCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/{code}/availability.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Marketplace feed: every SKU (or those changed since) as one JSON document, streamed */
        get: operations["exportChannelAvailabilityJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/{code}/listings/products/{product}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** A product's title, price and listed flag on a channel, for every SKU of it without its own */
        put: operations["putProductListing"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/{code}/listings/skus/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** A SKU's own title, price and listed flag on a channel (a field left out falls back) */
        put: operations["putSkuListing"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/committed-demand": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Standing orders' deliveries not reserved yet, per SKU, warehouse and day: committed future demand */
        get: operations["getCommittedDemand"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts, oldest first, with their figures */
        get: operations["listCounts"];
        put?: never;
        /** Open a cycle count at a warehouse: the lines to count (SKUs only, blind) */
        post: operations["openCount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/counts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A count and its lines; expected quantities and variances only once closed */
        get: operations["getCount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/counts/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an open or closed count; nothing is posted */
        post: operations["cancelCount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/counts/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a count for review: fixes variances and accuracy
         * @description Refused with count_incomplete while lines are uncounted, unless skipUncounted.
         */
        post: operations["closeCount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/counts/{id}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record or overwrite counted quantities while the count is open
         * @description Each line is compared with the books’ onHand at countedAt (default now); the answer stays blind.
         */
        post: operations["recordCountEntries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/counts/{id}/post": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Post a closed count: every variance becomes a count movement with a reason
         * @description Booked even if sellable goes negative (then an oversold record names the orders at risk); all lines or none.
         */
        post: operations["postCount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/damage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark units damaged (booked even if sellable goes negative; then an oversold record) */
        post: operations["reportDamage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dashboard/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counters for the overview: stock, value, out of stock, alerts, orders and shipments since a time */
        get: operations["getDashboardOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dashboard/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sellable units at the end of each hour or day, with orders placed and shipped in it */
        get: operations["getDashboardSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dashboard/skus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SKUs with stock totals: searched, filtered, sorted and paged on the server */
        get: operations["listDashboardSkus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/demand/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daily demand of a SKU (at a warehouse, or everywhere): units ordered, returned, out of stock, and where each day comes from */
        get: operations["getDemand"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/demand/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import daily sales history (text/csv: date,sku,units[,warehouse,outOfStock,returned]); a day imported again is replaced */
        post: operations["importDemand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event log after a sequence number, oldest first */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events: every event as it is sequenced (`id` is its seq); resumes after `Last-Event-ID` or `?after=` */
        get: operations["streamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/forecast-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Event days the forecasts know (Black Friday, a yearly sale, ...) */
        get: operations["listForecastEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/forecast-events/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or replace an event: past dates are held out of fitting and teach its uplift, future dates get it */
        put: operations["putForecastEvent"];
        post?: never;
        /** Forget an event day */
        delete: operations["deleteForecastEvent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/forecast/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daily demand forecast from today with prediction intervals, the model chosen and its backtest */
        get: operations["getForecast"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/in-transit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Units on the road, per SKU and transfer */
        get: operations["listInTransit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/insights/ageing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Units and value on hand by days since receipt (FIFO layers from the ledger), as of now */
        get: operations["getStockAgeing"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/insights/classes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** ABC (by revenue or margin) and XYZ (by demand variability) class of each SKU */
        get: operations["getAbcXyzClasses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/insights/dead-stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SKUs on hand with no sale in the last `days` days, and the value tied up */
        get: operations["getDeadStock"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/insights/forecast-accuracy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One-day-ahead forecast against units ordered, per bucket and per SKU */
        get: operations["getForecastAccuracy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/insights/sales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Units, revenue, COGS and margin per bucket, and per SKU, channel or warehouse */
        get: operations["getSalesInsights"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/insights/stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** On hand, sellable and stock value (units x unit cost then) at the end of each bucket */
        get: operations["getStockInsights"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/insights/stockouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Days out of stock and estimated lost sales per SKU, and SKU-days out per bucket */
        get: operations["getStockouts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/insights/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Turnover, days of inventory, sell-through and GMROI over the period */
        get: operations["getInsightsSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inspections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Inspect qcPending units: passed become sellable, failed damaged; all lines or none */
        post: operations["inspectStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/locks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Locks, oldest first; active=true for those still holding units */
        get: operations["listLocks"];
        put?: never;
        /**
         * Lock units at a position (L += qty, needs sellable), released in waves or at until
         * @description Waves are (at, qty) releases in time order, summing to at most qty, all before until; until releases whatever is still locked. The service carries them out itself.
         */
        post: operations["lockStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/locks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A lock, its waves and every release so far */
        get: operations["getLock"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/locks/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unlock qty units of a lock, or all still locked */
        post: operations["unlockStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/movements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The movement ledger, oldest first */
        get: operations["listMovements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Orders, newest first, by status, channel, region or a SKU they hold */
        get: operations["listOrders"];
        put?: never;
        /**
         * Reserve stock for an order: all lines or none
         * @description Repeating the same orderId with the same lines returns the first answer with 200. Lines without a warehouse are allocated by the service.
         */
        post: operations["placeOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an order */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{orderId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release whatever has not shipped */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{orderId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Payment done: the reservation no longer expires */
        post: operations["confirmOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{orderId}/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ship all that is left, or the listed part */
        post: operations["shipOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/oversold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Oversold records (a physical fact left sellable negative), newest first */
        get: operations["listOversold"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Products by code, with sellable units rolled up from their SKUs */
        get: operations["listProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A product with its SKUs (no costs for storefront keys) */
        get: operations["getProduct"];
        /** Create or update a product (SKUs join it with PUT/PATCH /v1/skus: product, options) */
        put: operations["putProduct"];
        post?: never;
        /** Delete a product that groups no SKUs (409 product_has_skus otherwise) */
        delete: operations["deleteProduct"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{code}/stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A product's stock rolled up from its SKUs: total, by warehouse, by region, by SKU */
        get: operations["getProductStock"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purchase-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Purchase orders, newest first */
        get: operations["listPurchaseOrders"];
        put?: never;
        /** Order from a supplier; the open quantities become the positions' incoming */
        post: operations["createPurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purchase-orders/{poId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One purchase order with its lines and receipts */
        get: operations["getPurchaseOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purchase-orders/{poId}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close an open order (what has not come is recorded as short), or cancel one with nothing received */
        post: operations["closePurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purchase-orders/{poId}/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Book goods in against an open purchase order (more than ordered is kept as an over-delivery) */
        post: operations["receivePurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Receive goods; lines with inspect: true go to qcPending */
        post: operations["receiveStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List regions */
        get: operations["listRegions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regions/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a region */
        get: operations["getRegion"];
        /** Create or update a region (coordinates and/or countries and postal prefixes it covers) */
        put: operations["putRegion"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/repairs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Repair damaged units back to sellable */
        post: operations["repairStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replenishment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What to order, where and when: per position, reorder point, order-up-to level and suggested quantity */
        get: operations["listReplenishmentSuggestions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replenishment/policies/{sku}/{warehouse}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How one position is replenished, with the figures in force */
        get: operations["getReplenishmentPolicy"];
        /** How one position is replenished: its supplier and any figure of its own */
        put: operations["putReplenishmentPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replenishment/purchase-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn a supplier's current suggestions at a warehouse into one purchase order */
        post: operations["orderReplenishmentSuggestions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replenishment/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recompute missing or day-old stored forecasts now (the server also does it in the background) */
        post: operations["refreshReplenishment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replenishment/totals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The whole suggestion list under a filter: positions, how many to order now, units and value */
        get: operations["getReplenishmentTotals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Book a customer return as sellable, damaged or for inspection */
        post: operations["returnStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The API key making the request: its id, role and warehouses */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings/damaged-suffix": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The code suffixes that name damaged units of a SKU (none: off) */
        get: operations["getDamagedSuffixSettings"];
        /** Set the damaged-stock suffixes; refused while SKUs already end with one (damaged_suffix_conflict) */
        put: operations["putDamagedSuffixSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings/replenishment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The defaults of positions without a supplier or their own figure */
        get: operations["getReplenishmentDefaults"];
        /** Replace the defaults of positions without a supplier or their own figure */
        put: operations["putReplenishmentDefaults"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings/routing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The routing policy for orders */
        get: operations["getRoutingPolicy"];
        /** Set the routing policy: strategy and whether orders may be split across warehouses */
        put: operations["putRoutingPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings/shop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The shop's settings: the currency its money figures are in */
        get: operations["getShopSettings"];
        /** Set the shop's currency (an ISO 4217 code); figures are relabelled, not converted */
        put: operations["putShopSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/skus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List SKUs */
        get: operations["listSkus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Bulk edit SKUs: price, cost, name, categories, attributes, product; all or nothing
         * @description Each item changes only the fields it has (null clears price, unitCost or product); attributes are merged, a key set to null is removed; categories replace the set. One unknown SKU, product or category and nothing changes.
         */
        patch: operations["bulkEditSkus"];
        trace?: never;
    };
    "/v1/skus/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a SKU */
        get: operations["getSku"];
        /** Create or update a SKU */
        put: operations["putSku"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/standing-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Standing orders by id, filtered by customer, SKU, warehouse or status */
        get: operations["listStandingOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/standing-orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A standing order with its next deliveries and what happened to past ones */
        get: operations["getStandingOrder"];
        /** Create or change a customer's standing order: SKU lines on a schedule from one warehouse */
        put: operations["putStandingOrder"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/standing-orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a standing order: nothing more is reserved, and upcoming reserved deliveries are released */
        post: operations["cancelStandingOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stock positions, optionally of one warehouse */
        get: operations["listStock"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stock positions of a SKU, now or as of a past time */
        get: operations["getStock"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock/{sku}/{warehouse}/zone-counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Count one zone of a position: the variance is booked as a count movement */
        post: operations["countZone"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock/{sku}/{warehouse}/zone-moves": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move units of a position between zones (a zone_move movement with actor and reason) */
        post: operations["moveBetweenZones"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock/damaged": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Damaged units under a suffixed SKU code, as JSON (paginated) or CSV (all) */
        get: operations["listDamagedStock"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import SKUs and opening stock (CSV, as `stockroom import`); dryRun checks and describes it; all or nothing, every bad row listed by line; a file imported before adds no stock again */
        post: operations["importStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suppliers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Suppliers */
        get: operations["listSuppliers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suppliers/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One supplier and its defaults */
        get: operations["getSupplier"];
        /** Create or replace a supplier and its defaults for the positions it supplies */
        put: operations["putSupplier"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/totals/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** System-wide totals of a SKU: onHand over all warehouses plus units in transit */
        get: operations["getSkuTotals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Transfers, oldest first, optionally by status or warehouse */
        get: operations["listTransfers"];
        put?: never;
        /**
         * Plan a transfer: source transferReserved += q, all lines or none
         * @description Needs sellable stock at the source. Repeating the same transferId with the same request returns the first answer with 200.
         */
        post: operations["planTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers/{transferId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A transfer with planned, shipped, received, damaged, lost and in-transit units per line */
        get: operations["getTransfer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers/{transferId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel what has not shipped: its transferReserved is released */
        post: operations["cancelTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers/{transferId}/receive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Book in units at the destination: received, damaged, and a shortfall as lost */
        post: operations["receiveTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers/{transferId}/ship": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ship all that is planned, or the listed part: the units leave the source */
        post: operations["shipTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/virtual/{sku}/{warehouse}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a position's virtual stock: a supplier's quick-supply capacity (V := virtual) */
        put: operations["putVirtualStock"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/warehouses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List warehouses */
        get: operations["listWarehouses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/warehouses/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a warehouse */
        get: operations["getWarehouse"];
        /** Create or update a warehouse */
        put: operations["putWarehouse"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/warehouses/{code}/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The regions a warehouse serves explicitly, with delivery days */
        get: operations["getWarehouseRegions"];
        /** Set the regions a warehouse serves and in how many days (replaces the list; empty: every region, by distance) */
        put: operations["putWarehouseRegions"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/warehouses/{code}/zones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The named zones of a warehouse (the default zone is implicit) */
        get: operations["listZones"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/warehouses/{code}/zones/{zone}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or update a zone of a warehouse (its kind only while it is empty) */
        put: operations["putZone"];
        post?: never;
        /** Delete an empty zone */
        delete: operations["deleteZone"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook subscriptions (never their secrets) */
        get: operations["listWebhooks"];
        put?: never;
        /** Subscribe a URL to events from now on; the signing secret is shown only in this answer */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook subscription */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Unsubscribe: no more deliveries; its delivery records go too */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries given up after the last retry */
        get: operations["listWebhookDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/dead-letters/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue one dead letter again, with a fresh retry schedule */
        post: operations["replayWebhookDeadLetter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/dead-letters/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue every dead letter again, with a fresh retry schedule, in log order */
        post: operations["replayWebhookDeadLetters"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries in log order, with every attempt (status code, error, duration) */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/write-offs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Write off damaged units: damaged and onHand both go down */
        post: operations["writeOffStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "alert.opened": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An operational alert opened */
        post: operations["onAlertOpenedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "alert.resolved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An operational alert resolved */
        post: operations["onAlertResolvedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "events.batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Up to batchSize events in log order (subscriptions with batchSize over 1) */
        post: operations["onEventBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "order.confirmed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An order was confirmed (paid): its reservations no longer expire */
        post: operations["onOrderConfirmedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "order.released": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An order's reservations were released (cancelled or expired) */
        post: operations["onOrderReleasedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "order.reserved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An order reserved its lines */
        post: operations["onOrderReservedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "order.shipped": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lines of an order were shipped */
        post: operations["onOrderShippedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "purchase_order.cancelled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A purchase order was cancelled */
        post: operations["onPurchaseOrderCancelledEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "purchase_order.closed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A purchase order was closed */
        post: operations["onPurchaseOrderClosedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "purchase_order.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A purchase order was placed with a supplier */
        post: operations["onPurchaseOrderCreatedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "purchase_order.received": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Goods arrived against a purchase order */
        post: operations["onPurchaseOrderReceivedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "sku.back_in_stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A SKU's sellable units rose above zero (overall or in a region) */
        post: operations["onSkuBackInStockEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "sku.out_of_stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A SKU's sellable units fell to zero (overall or in a region) */
        post: operations["onSkuOutOfStockEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "stock.changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A movement changed a position (every movement; the position after it) */
        post: operations["onStockChangedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "transfer.cancelled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A transfer was cancelled */
        post: operations["onTransferCancelledEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "transfer.planned": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A transfer between warehouses was planned; its units are reserved at the source */
        post: operations["onTransferPlannedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "transfer.received": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A transfer (or part of it) arrived */
        post: operations["onTransferReceivedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "transfer.shipped": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A transfer (or part of it) left the source */
        post: operations["onTransferShippedEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        AlertOpenedEvent: {
            /** Format: date-time */
            at: string;
            data: {
                alertId: string;
                details: {
                    [key: string]: unknown;
                };
                kind: string;
                sku: string | null;
                subject: string;
                warehouse: string | null;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "alert.opened";
        };
        AlertResolvedEvent: {
            /** Format: date-time */
            at: string;
            data: {
                alertId: string;
                details: {
                    [key: string]: unknown;
                };
                kind: string;
                sku: string | null;
                subject: string;
                warehouse: string | null;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "alert.resolved";
        };
        Error: {
            error: {
                code: string;
                details?: {
                    [key: string]: unknown;
                };
                message: string;
            };
        };
        Event: components["schemas"]["StockChangedEvent"] | components["schemas"]["OrderReservedEvent"] | components["schemas"]["OrderConfirmedEvent"] | components["schemas"]["OrderReleasedEvent"] | components["schemas"]["OrderShippedEvent"] | components["schemas"]["TransferPlannedEvent"] | components["schemas"]["TransferShippedEvent"] | components["schemas"]["TransferReceivedEvent"] | components["schemas"]["TransferCancelledEvent"] | components["schemas"]["PurchaseOrderCreatedEvent"] | components["schemas"]["PurchaseOrderReceivedEvent"] | components["schemas"]["PurchaseOrderClosedEvent"] | components["schemas"]["PurchaseOrderCancelledEvent"] | components["schemas"]["SkuOutOfStockEvent"] | components["schemas"]["SkuBackInStockEvent"] | components["schemas"]["AlertOpenedEvent"] | components["schemas"]["AlertResolvedEvent"];
        OrderConfirmedEvent: {
            /** Format: date-time */
            at: string;
            data: {
                orderId: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "order.confirmed";
        };
        OrderReleasedEvent: {
            /** Format: date-time */
            at: string;
            data: {
                lines: {
                    qty: number;
                    sku: string;
                    warehouse: string;
                }[];
                orderId: string;
                reason: "cancelled" | "expired";
                status: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "order.released";
        };
        OrderReservedEvent: {
            /** Format: date-time */
            at: string;
            data: {
                allocations: {
                    qty: number;
                    reason: string;
                    sku: string;
                    warehouse: string;
                }[];
                channel: string | null;
                expiresAt: string | null;
                orderId: string;
                region: string | null;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "order.reserved";
        };
        OrderShippedEvent: {
            /** Format: date-time */
            at: string;
            data: {
                lines: {
                    qty: number;
                    sku: string;
                    warehouse: string;
                }[];
                orderId: string;
                shipmentId: string;
                status: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "order.shipped";
        };
        PurchaseOrderCancelledEvent: {
            /** Format: date-time */
            at: string;
            data: {
                lines: {
                    open: number;
                    ordered: number;
                    overReceived: number;
                    received: number;
                    short: number;
                    sku: string;
                    unitCost: number | null;
                }[];
                poId: string;
                reason: string | null;
                status: string;
                warehouse: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "purchase_order.cancelled";
        };
        PurchaseOrderClosedEvent: {
            /** Format: date-time */
            at: string;
            data: {
                lines: {
                    open: number;
                    ordered: number;
                    overReceived: number;
                    received: number;
                    short: number;
                    sku: string;
                    unitCost: number | null;
                }[];
                poId: string;
                reason: string | null;
                status: string;
                warehouse: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "purchase_order.closed";
        };
        PurchaseOrderCreatedEvent: {
            /** Format: date-time */
            at: string;
            data: {
                expectedAt: string | null;
                lines: {
                    open: number;
                    ordered: number;
                    overReceived: number;
                    received: number;
                    short: number;
                    sku: string;
                    unitCost: number | null;
                }[];
                poId: string;
                supplier: string;
                warehouse: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "purchase_order.created";
        };
        PurchaseOrderReceivedEvent: {
            /** Format: date-time */
            at: string;
            data: {
                lines: {
                    againstVirtual: boolean;
                    inspect: boolean;
                    qty: number;
                    sku: string;
                }[];
                poId: string;
                receiptId: string;
                status: string;
                warehouse: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "purchase_order.received";
        };
        SkuBackInStockEvent: {
            /** Format: date-time */
            at: string;
            data: {
                /** @description null: overall; else the region served */
                region: string | null;
                sellable: number;
                sku: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "sku.back_in_stock";
        };
        SkuOutOfStockEvent: {
            /** Format: date-time */
            at: string;
            data: {
                /** @description null: overall; else the region served */
                region: string | null;
                sellable: number;
                sku: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "sku.out_of_stock";
        };
        StockChangedEvent: {
            /** Format: date-time */
            at: string;
            data: {
                damaged: number;
                locked: number;
                /** @description the movement type: receipt, reserve, ship, ... */
                movement: string;
                movementId: number;
                onHand: number;
                orderId: string | null;
                qcPending: number;
                qty: number;
                reason: string | null;
                reference: string | null;
                reserved: number;
                sellable: number;
                sellableBefore: number;
                sku: string;
                transferReserved: number;
                virtual: number;
                warehouse: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "stock.changed";
        };
        TransferCancelledEvent: {
            /** Format: date-time */
            at: string;
            data: {
                actor: string | null;
                /** Format: date-time */
                at: string;
                eventId: string;
                from: string;
                lines: ({
                    sku: string;
                } & {
                    [key: string]: unknown;
                })[];
                status: string;
                to: string;
                transferId: string;
                /** @description ship, receive or cancel */
                type: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "transfer.cancelled";
        };
        TransferPlannedEvent: {
            /** Format: date-time */
            at: string;
            data: {
                from: string;
                lines: {
                    qty: number;
                    sku: string;
                }[];
                to: string;
                transferId: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "transfer.planned";
        };
        TransferReceivedEvent: {
            /** Format: date-time */
            at: string;
            data: {
                actor: string | null;
                /** Format: date-time */
                at: string;
                eventId: string;
                from: string;
                lines: ({
                    sku: string;
                } & {
                    [key: string]: unknown;
                })[];
                status: string;
                to: string;
                transferId: string;
                /** @description ship, receive or cancel */
                type: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "transfer.received";
        };
        TransferShippedEvent: {
            /** Format: date-time */
            at: string;
            data: {
                actor: string | null;
                /** Format: date-time */
                at: string;
                eventId: string;
                from: string;
                lines: ({
                    sku: string;
                } & {
                    [key: string]: unknown;
                })[];
                status: string;
                to: string;
                transferId: string;
                /** @description ship, receive or cancel */
                type: string;
            };
            /** @description unique and stable: de-duplicate on it (delivery is at least once) */
            id: string;
            /** @description position in the log: gap-free and increasing */
            seq: number;
            /** @description what it is about: order:ID, position:SKU@WH, sku:SKU, ... */
            stream: string;
            /** @description position within the stream */
            streamSeq: number;
            /** @constant */
            type: "transfer.shipped";
        };
    };
    responses: {
        /** @description invalid input (`invalid_request` and the codes of docs/api.md) */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description refused by a rule: not enough stock, a wrong state, a reused Idempotency-Key, ... */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the key's role or warehouse scope does not allow it (`forbidden`) */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description an unexpected error, logged; never leaks details (`internal_error`) */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the thing named in the path does not exist (`unknown_*`) */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the body is over 1 MiB (`payload_too_large`) */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description over a request budget (`rate_limited`); see Retry-After */
        RateLimited: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description no API key, or an unknown or revoked one (`unauthenticated`) */
        Unauthenticated: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the database cannot be reached (`database_unavailable`); see Retry-After */
        Unavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description the body is not JSON (`unsupported_media_type`) */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        database: string;
                        /** @enum {string} */
                        status: "ready";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "not_ready";
                            details: {
                                pending?: string[];
                                reason: "database_unavailable" | "migrations_pending" | "shutting_down";
                            };
                            message: string;
                        };
                    };
                };
            };
        };
    };
    adjustStock: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    delta: number;
                    reason: string;
                    sku: string;
                    warehouse: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        adjustmentId: string;
                        at: string;
                        delta: number;
                        position: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                        };
                        reason: string;
                        sku: string;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    loadDemo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description SKU-days of demand history written */
                        historyDays: number;
                        skus: number;
                        skusCreated: number;
                        /** @description units received by this call (0 when the demo was loaded before) */
                        units: number;
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    verifyLedger: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        checkedAt: string;
                        durationMs: number;
                        movements: number;
                        ok: boolean;
                        positions: number;
                        problemCount: number;
                        problems: {
                            details: {
                                [key: string]: unknown;
                            };
                            invariant: number;
                            sku?: string;
                            warehouse?: string;
                        }[];
                        units: {
                            booked: number;
                            inTransit: number;
                            lostInTransit: number;
                            onHand: number;
                        };
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listAlertRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        defaults: {
                            deadStockDays: number;
                            lockExpiringHours: number;
                            lowStockThreshold: number;
                            overstockDays: number;
                            reorderPoint: number | null;
                            transferOverdueDays: number;
                        };
                        items: {
                            deadStockDays: number | null;
                            lockExpiringHours: number | null;
                            lowStockThreshold: number | null;
                            overstockDays: number | null;
                            reorderPoint: number | null;
                            scope: {
                                sku: string | null;
                                warehouse: string | null;
                            };
                            transferOverdueDays: number | null;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    deadStockDays?: number | null;
                    lockExpiringHours?: number | null;
                    lowStockThreshold?: number | null;
                    overstockDays?: number | null;
                    reorderPoint?: number | null;
                    scope: {
                        sku?: string;
                        warehouse?: string;
                    };
                    transferOverdueDays?: number | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deadStockDays: number | null;
                        lockExpiringHours: number | null;
                        lowStockThreshold: number | null;
                        overstockDays: number | null;
                        reorderPoint: number | null;
                        scope: {
                            sku: string | null;
                            warehouse: string | null;
                        };
                        transferOverdueDays: number | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deadStockDays: number | null;
                        lockExpiringHours: number | null;
                        lowStockThreshold: number | null;
                        overstockDays: number | null;
                        reorderPoint: number | null;
                        scope: {
                            sku: string | null;
                            warehouse: string | null;
                        };
                        transferOverdueDays: number | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listAlerts: {
        parameters: {
            query?: {
                cursor?: string;
                kind?: "low_stock" | "out_of_stock" | "oversold" | "dead_stock" | "overstock" | "transfer_overdue" | "lock_expiring" | "purchase_order_late" | "warehouse_near_capacity" | "stock_ageing" | "standing_order_missed";
                limit?: number;
                sku?: string;
                status?: "open" | "acknowledged" | "resolved";
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            acknowledgedAt: string | null;
                            acknowledgedBy: string | null;
                            acknowledgeNote: string | null;
                            alertId: string;
                            details: {
                                [key: string]: unknown;
                            };
                            kind: "low_stock" | "out_of_stock" | "oversold" | "dead_stock" | "overstock" | "transfer_overdue" | "lock_expiring" | "purchase_order_late" | "warehouse_near_capacity" | "stock_ageing" | "standing_order_missed";
                            /** Format: date-time */
                            openedAt: string;
                            resolvedAt: string | null;
                            sku: string | null;
                            status: "open" | "acknowledged" | "resolved";
                            /** @description SKU@WAREHOUSE, transfer:<id>, lock:<id>, po:<id>, warehouse:<code> or standing-order:<id> */
                            subject: string;
                            warehouse: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        acknowledgedAt: string | null;
                        acknowledgedBy: string | null;
                        acknowledgeNote: string | null;
                        alertId: string;
                        details: {
                            [key: string]: unknown;
                        };
                        kind: "low_stock" | "out_of_stock" | "oversold" | "dead_stock" | "overstock" | "transfer_overdue" | "lock_expiring" | "purchase_order_late" | "warehouse_near_capacity" | "stock_ageing" | "standing_order_missed";
                        /** Format: date-time */
                        openedAt: string;
                        resolvedAt: string | null;
                        sku: string | null;
                        status: "open" | "acknowledged" | "resolved";
                        /** @description SKU@WAREHOUSE, transfer:<id>, lock:<id>, po:<id>, warehouse:<code> or standing-order:<id> */
                        subject: string;
                        warehouse: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    acknowledgeAlert: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                    who?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        acknowledgedAt: string | null;
                        acknowledgedBy: string | null;
                        acknowledgeNote: string | null;
                        alertId: string;
                        details: {
                            [key: string]: unknown;
                        };
                        kind: "low_stock" | "out_of_stock" | "oversold" | "dead_stock" | "overstock" | "transfer_overdue" | "lock_expiring" | "purchase_order_late" | "warehouse_near_capacity" | "stock_ageing" | "standing_order_missed";
                        /** Format: date-time */
                        openedAt: string;
                        resolvedAt: string | null;
                        sku: string | null;
                        status: "open" | "acknowledged" | "resolved";
                        /** @description SKU@WAREHOUSE, transfer:<id>, lock:<id>, po:<id>, warehouse:<code> or standing-order:<id> */
                        subject: string;
                        warehouse: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            createdAt: string;
                            expiresAt: string | null;
                            id: string;
                            /** @description the secret, shown only in the response that creates it */
                            key?: string;
                            /** @description to the minute: a use is recorded at most once a minute */
                            lastUsedAt: string | null;
                            name: string;
                            /** @description the key a rotation replaced it with */
                            replacedBy: string | null;
                            revokedAt: string | null;
                            role: "admin" | "operator" | "storefront";
                            warehouses: string[] | null;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description the key stops working then; none: never
                     */
                    expiresAt?: string;
                    name: string;
                    role: "admin" | "operator" | "storefront";
                    warehouses?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        expiresAt: string | null;
                        id: string;
                        /** @description the secret, shown only in the response that creates it */
                        key?: string;
                        /** @description to the minute: a use is recorded at most once a minute */
                        lastUsedAt: string | null;
                        name: string;
                        /** @description the key a rotation replaced it with */
                        replacedBy: string | null;
                        revokedAt: string | null;
                        role: "admin" | "operator" | "storefront";
                        warehouses: string[] | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        expiresAt: string | null;
                        id: string;
                        /** @description the secret, shown only in the response that creates it */
                        key?: string;
                        /** @description to the minute: a use is recorded at most once a minute */
                        lastUsedAt: string | null;
                        name: string;
                        /** @description the key a rotation replaced it with */
                        replacedBy: string | null;
                        revokedAt: string | null;
                        role: "admin" | "operator" | "storefront";
                        warehouses: string[] | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    rotateApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description the new key's expiry; none: never
                     */
                    expiresAt?: string;
                    /** @description how long the old key keeps working (default 0: it stops now) */
                    gracePeriodSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: {
                            createdAt: string;
                            expiresAt: string | null;
                            id: string;
                            /** @description the secret, shown only in the response that creates it */
                            key?: string;
                            /** @description to the minute: a use is recorded at most once a minute */
                            lastUsedAt: string | null;
                            name: string;
                            /** @description the key a rotation replaced it with */
                            replacedBy: string | null;
                            revokedAt: string | null;
                            role: "admin" | "operator" | "storefront";
                            warehouses: string[] | null;
                        };
                        previous: {
                            createdAt: string;
                            expiresAt: string | null;
                            id: string;
                            /** @description the secret, shown only in the response that creates it */
                            key?: string;
                            /** @description to the minute: a use is recorded at most once a minute */
                            lastUsedAt: string | null;
                            name: string;
                            /** @description the key a rotation replaced it with */
                            replacedBy: string | null;
                            revokedAt: string | null;
                            role: "admin" | "operator" | "storefront";
                            warehouses: string[] | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getAvailabilityBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description days from today whose standing-order deliveries count as committed (default 7; 0: none) */
                    committedDays?: number;
                    /** @description resolved to a region */
                    country?: string;
                    /** @description resolved to a region (with country) */
                    postalCode?: string;
                    region?: string;
                    skus: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description standing orders' deliveries within committedDays not reserved yet, at the warehouses serving the region (not in S: reserved ones are) */
                            committed: number;
                            /** @description the look-ahead committed counts, in days from today */
                            committedDays: number;
                            /** @description the SKU whose damaged units this code names: never sellable */
                            damagedOf?: string;
                            inStock: boolean;
                            /** @description serving warehouses with sellable units, fastest first */
                            options: {
                                /** @description standing orders' deliveries from this warehouse not reserved yet */
                                committed: number;
                                /** @description days to the region for units in stock; null when no region was given */
                                deliveryDays: number | null;
                                /** @description of sellable, units physically in the warehouse */
                                fromStock: number;
                                /** @description sellable - committed, at least 0 */
                                promisable: number;
                                sellable: number;
                                virtual: {
                                    deliveryDays: number | null;
                                    leadTimeDays: number;
                                    supplier: string | null;
                                    units: number;
                                } | null;
                                warehouse: string;
                            }[];
                            /** @description the options' promisable units: what new orders may take and still leave the committed deliveries their stock */
                            promisable: number;
                            region: string | null;
                            sellable: number;
                            sku: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getAvailability: {
        parameters: {
            query?: {
                /** @description days from today whose standing-order deliveries count as committed (default 7; 0: none) */
                committedDays?: number;
                /** @description resolved to a region */
                country?: string;
                /** @description resolved to a region (with country) */
                postalCode?: string;
                region?: string;
            };
            header?: never;
            path: {
                sku: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description standing orders' deliveries within committedDays not reserved yet, at the warehouses serving the region (not in S: reserved ones are) */
                        committed: number;
                        /** @description the look-ahead committed counts, in days from today */
                        committedDays: number;
                        /** @description the SKU whose damaged units this code names: never sellable */
                        damagedOf?: string;
                        inStock: boolean;
                        /** @description serving warehouses with sellable units, fastest first */
                        options: {
                            /** @description standing orders' deliveries from this warehouse not reserved yet */
                            committed: number;
                            /** @description days to the region for units in stock; null when no region was given */
                            deliveryDays: number | null;
                            /** @description of sellable, units physically in the warehouse */
                            fromStock: number;
                            /** @description sellable - committed, at least 0 */
                            promisable: number;
                            sellable: number;
                            virtual: {
                                deliveryDays: number | null;
                                leadTimeDays: number;
                                supplier: string | null;
                                units: number;
                            } | null;
                            warehouse: string;
                        }[];
                        /** @description the options' promisable units: what new orders may take and still leave the committed deliveries their stock */
                        promisable: number;
                        region: string | null;
                        sellable: number;
                        sku: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listBackInStockSubscriptions: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                sku?: string;
                status?: "waiting" | "sending" | "notified" | "failed" | "unsubscribed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attempts: number;
                            channel: "email" | "webhook";
                            /** Format: date-time */
                            createdAt: string;
                            lastError: string | null;
                            note: string | null;
                            notifiedAt: string | null;
                            region: string | null;
                            sku: string;
                            status: "waiting" | "sending" | "notified" | "failed" | "unsubscribed";
                            /** @description also the place in the queue: lower is notified first */
                            subscriptionId: number;
                            /** @description the email address or webhook URL */
                            target: string;
                            unsubscribedAt: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    subscribeBackInStock: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description exactly one of email, or webhookUrl (with an optional signing secret) */
                    contact: {
                        email?: string;
                        secret?: string;
                        webhookUrl?: string;
                    };
                    region?: string;
                    sku: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempts: number;
                        channel: "email" | "webhook";
                        /** Format: date-time */
                        createdAt: string;
                        lastError: string | null;
                        note: string | null;
                        notifiedAt: string | null;
                        region: string | null;
                        sku: string;
                        status: "waiting" | "sending" | "notified" | "failed" | "unsubscribed";
                        /** @description also the place in the queue: lower is notified first */
                        subscriptionId: number;
                        /** @description the email address or webhook URL */
                        target: string;
                        unsubscribedAt: string | null;
                        unsubscribePath: string;
                        /** @description the only way to unsubscribe; shown here only */
                        unsubscribeToken: string;
                        /** @description deliveries are signed with it (Stockroom-Signature) */
                        webhookSecret?: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    unsubscribeBackInStock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempts: number;
                        channel: "email" | "webhook";
                        /** Format: date-time */
                        createdAt: string;
                        lastError: string | null;
                        note: string | null;
                        notifiedAt: string | null;
                        region: string | null;
                        sku: string;
                        status: "waiting" | "sending" | "notified" | "failed" | "unsubscribed";
                        /** @description also the place in the queue: lower is notified first */
                        subscriptionId: number;
                        /** @description the email address or webhook URL */
                        target: string;
                        unsubscribedAt: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    unsubscribeBackInStockByLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listBackInStockWaiting: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                sku?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        byRegion: {
                            region: string | null;
                            waiting: number;
                        }[];
                        sku: string;
                        waiting: number;
                    } | {
                        items: {
                            name: string;
                            sku: string;
                            waiting: number;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listBackorders: {
        parameters: {
            query?: {
                supplier?: string;
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            backordered: number;
                            leadTimeDays: number | null;
                            onHand: number;
                            reserved: number;
                            sku: string;
                            supplier: string | null;
                            virtual: number;
                            warehouse: string;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    exportCatalogCsv: {
        parameters: {
            query?: {
                category?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/csv with header sku,name,price,unit_cost,product,product_name,options,categories,attributes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    importCatalog: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description CSV with a header row: sku,name,price,unit_cost,product,product_name,options,categories,attributes (sku, name required) */
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        productsCreated: number;
                        rows: number;
                        skusCreated: number;
                        skusUpdated: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listCategories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            code: string;
                            /** Format: date-time */
                            createdAt: string;
                            name: string;
                            parent: string | null;
                            /** @description codes from the root down to this category */
                            path: string[];
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getCategory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        /** Format: date-time */
                        createdAt: string;
                        name: string;
                        parent: string | null;
                        /** @description codes from the root down to this category */
                        path: string[];
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putCategory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    parent?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        /** Format: date-time */
                        createdAt: string;
                        name: string;
                        parent: string | null;
                        /** @description codes from the root down to this category */
                        path: string[];
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        /** Format: date-time */
                        createdAt: string;
                        name: string;
                        parent: string | null;
                        /** @description codes from the root down to this category */
                        path: string[];
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteCategory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listChannels: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            bufferPercent: number | null;
                            bufferUnits: number | null;
                            cap: number | null;
                            code: string;
                            createdAt: string;
                            name: string;
                            /** @description units still locked for the channel, by position */
                            ringFenced: {
                                qty: number;
                                sku: string;
                                warehouse: string;
                            }[];
                            updatedAt: string;
                            /** @description null: every warehouse */
                            warehouses: string[] | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bufferPercent: number | null;
                        bufferUnits: number | null;
                        cap: number | null;
                        code: string;
                        createdAt: string;
                        name: string;
                        /** @description units still locked for the channel, by position */
                        ringFenced: {
                            qty: number;
                            sku: string;
                            warehouse: string;
                        }[];
                        updatedAt: string;
                        /** @description null: every warehouse */
                        warehouses: string[] | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putChannel: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    bufferPercent?: number | null;
                    bufferUnits?: number | null;
                    cap?: number | null;
                    name: string;
                    /** @description units locked for this channel alone, by position; replaces the current set (a position left out is released). Omitted: unchanged */
                    ringFenced?: {
                        qty: number;
                        sku: string;
                        warehouse: string;
                    }[];
                    warehouses?: string[] | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bufferPercent: number | null;
                        bufferUnits: number | null;
                        cap: number | null;
                        code: string;
                        createdAt: string;
                        name: string;
                        /** @description units still locked for the channel, by position */
                        ringFenced: {
                            qty: number;
                            sku: string;
                            warehouse: string;
                        }[];
                        updatedAt: string;
                        /** @description null: every warehouse */
                        warehouses: string[] | null;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bufferPercent: number | null;
                        bufferUnits: number | null;
                        cap: number | null;
                        code: string;
                        createdAt: string;
                        name: string;
                        /** @description units still locked for the channel, by position */
                        ringFenced: {
                            qty: number;
                            sku: string;
                            warehouse: string;
                        }[];
                        updatedAt: string;
                        /** @description null: every warehouse */
                        warehouses: string[] | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getChannelAvailability: {
        parameters: {
            query?: {
                changedSince?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: string;
                        items: {
                            /** @description whether the channel lists it (default true) */
                            listed: boolean;
                            /** @description sellable units at the channel's warehouses, shared by every channel */
                            pool: number;
                            /** @description the listing's price: the SKU's listing, else its product's, else the SKU's price */
                            price: number | null;
                            /** @description the product the SKU is a variant of */
                            product: string | null;
                            /** @description what the channel may sell: shared pool after buffer and cap, plus ring-fenced */
                            published: number;
                            /** @description units locked for this channel alone, at its warehouses */
                            ringFenced: number;
                            sku: string;
                            /** @description the listing's title: the SKU's listing, else its product's, else its name */
                            title: string;
                        }[];
                        nextCursor: string | null;
                        syncedAt: string;
                        /** @description pass as changedSince to the next sync; the same on every page of one sync */
                        syncToken: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    exportChannelAvailabilityCsv: {
        parameters: {
            query?: {
                changedSince?: string;
            };
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/csv with header sku,published,ring_fenced,pool,listed,title,price,product */
            200: {
                headers: {
                    /** @description pass as changedSince to the next export to get only what changed after this one */
                    "stockroom-sync-token"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    exportChannelAvailabilityJson: {
        parameters: {
            query?: {
                changedSince?: string;
            };
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {channel, syncToken, syncedAt, items: [{sku, published, ringFenced, pool, product, title, price, listed}]} */
            200: {
                headers: {
                    /** @description pass as changedSince to the next export to get only what changed after this one */
                    "stockroom-sync-token"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: string;
                        items: {
                            /** @description whether the channel lists it (default true) */
                            listed: boolean;
                            /** @description sellable units at the channel's warehouses, shared by every channel */
                            pool: number;
                            /** @description the listing's price: the SKU's listing, else its product's, else the SKU's price */
                            price: number | null;
                            /** @description the product the SKU is a variant of */
                            product: string | null;
                            /** @description what the channel may sell: shared pool after buffer and cap, plus ring-fenced */
                            published: number;
                            /** @description units locked for this channel alone, at its warehouses */
                            ringFenced: number;
                            sku: string;
                            /** @description the listing's title: the SKU's listing, else its product's, else its name */
                            title: string;
                        }[];
                        syncedAt: string;
                        /** @description pass as changedSince to the next sync; the same on every page of one sync */
                        syncToken: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putProductListing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                product: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    listed?: boolean | null;
                    price?: number | null;
                    title?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: string;
                        listed: boolean | null;
                        price: number | null;
                        title: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: string;
                        listed: boolean | null;
                        price: number | null;
                        title: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putSkuListing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                sku: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    listed?: boolean | null;
                    price?: number | null;
                    title?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: string;
                        listed: boolean | null;
                        price: number | null;
                        title: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: string;
                        listed: boolean | null;
                        price: number | null;
                        title: string | null;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getCommittedDemand: {
        parameters: {
            query?: {
                days?: number;
                sku?: string;
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        from: string;
                        items: {
                            deliveryOn: string;
                            sku: string;
                            units: number;
                            warehouse: string;
                        }[];
                        to: string;
                        totals: {
                            sku: string;
                            units: number;
                            warehouse: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listCounts: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                status?: "open" | "closed" | "posted" | "cancelled";
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            accuracy: number | null;
                            cancelledAt: string | null;
                            cancelledBy: string | null;
                            closedAt: string | null;
                            closedBy: string | null;
                            countId: string;
                            createdAt: string;
                            createdBy: string | null;
                            /** @description lines counted so far; fixed at close */
                            linesCounted: number;
                            linesMatched: number | null;
                            linesTotal: number;
                            linesWithVariance: number | null;
                            netVariance: number | null;
                            postedAt: string | null;
                            postedBy: string | null;
                            scope: {
                                kind: "all" | "list" | "sample";
                                seed?: string;
                                size?: number;
                            };
                            status: "open" | "closed" | "posted" | "cancelled";
                            warehouse: string;
                            zone: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    openCount: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description all: every SKU with a position at the warehouse; list: these SKUs; sample: `size` SKUs drawn at random from the positions (the same seed over the same positions draws the same SKUs) */
                    scope: {
                        /** @enum {string} */
                        kind: "all";
                    } | {
                        /** @enum {string} */
                        kind: "list";
                        skus: string[];
                    } | {
                        /** @enum {string} */
                        kind: "sample";
                        seed?: string;
                        size: number;
                    };
                    warehouse: string;
                    /** @description count one zone of the warehouse (a named zone, or `default` for the units in no named zone): lines then expect the zone's units, and variances are booked in it (docs/counts.md) */
                    zone?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accuracy: number | null;
                        cancelledAt: string | null;
                        cancelledBy: string | null;
                        closedAt: string | null;
                        closedBy: string | null;
                        countId: string;
                        createdAt: string;
                        createdBy: string | null;
                        lines: {
                            counted: number | null;
                            countedAt: string | null;
                            countedBy: string | null;
                            expected?: number | null;
                            reason?: string | null;
                            sku: string;
                            variance?: number | null;
                        }[];
                        /** @description lines counted so far; fixed at close */
                        linesCounted: number;
                        linesMatched: number | null;
                        linesTotal: number;
                        linesWithVariance: number | null;
                        netVariance: number | null;
                        postedAt: string | null;
                        postedBy: string | null;
                        scope: {
                            kind: "all" | "list" | "sample";
                            seed?: string;
                            size?: number;
                        };
                        status: "open" | "closed" | "posted" | "cancelled";
                        warehouse: string;
                        zone: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getCount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accuracy: number | null;
                        cancelledAt: string | null;
                        cancelledBy: string | null;
                        closedAt: string | null;
                        closedBy: string | null;
                        countId: string;
                        createdAt: string;
                        createdBy: string | null;
                        lines: {
                            counted: number | null;
                            countedAt: string | null;
                            countedBy: string | null;
                            expected?: number | null;
                            reason?: string | null;
                            sku: string;
                            variance?: number | null;
                        }[];
                        /** @description lines counted so far; fixed at close */
                        linesCounted: number;
                        linesMatched: number | null;
                        linesTotal: number;
                        linesWithVariance: number | null;
                        netVariance: number | null;
                        postedAt: string | null;
                        postedBy: string | null;
                        scope: {
                            kind: "all" | "list" | "sample";
                            seed?: string;
                            size?: number;
                        };
                        status: "open" | "closed" | "posted" | "cancelled";
                        warehouse: string;
                        zone: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    cancelCount: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accuracy: number | null;
                        cancelledAt: string | null;
                        cancelledBy: string | null;
                        closedAt: string | null;
                        closedBy: string | null;
                        countId: string;
                        createdAt: string;
                        createdBy: string | null;
                        lines: {
                            counted: number | null;
                            countedAt: string | null;
                            countedBy: string | null;
                            expected?: number | null;
                            reason?: string | null;
                            sku: string;
                            variance?: number | null;
                        }[];
                        /** @description lines counted so far; fixed at close */
                        linesCounted: number;
                        linesMatched: number | null;
                        linesTotal: number;
                        linesWithVariance: number | null;
                        netVariance: number | null;
                        postedAt: string | null;
                        postedBy: string | null;
                        scope: {
                            kind: "all" | "list" | "sample";
                            seed?: string;
                            size?: number;
                        };
                        status: "open" | "closed" | "posted" | "cancelled";
                        warehouse: string;
                        zone: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    closeCount: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description close although lines are uncounted: they are left out and never posted */
                    skipUncounted?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accuracy: number | null;
                        cancelledAt: string | null;
                        cancelledBy: string | null;
                        closedAt: string | null;
                        closedBy: string | null;
                        countId: string;
                        createdAt: string;
                        createdBy: string | null;
                        lines: {
                            counted: number | null;
                            countedAt: string | null;
                            countedBy: string | null;
                            expected?: number | null;
                            reason?: string | null;
                            sku: string;
                            variance?: number | null;
                        }[];
                        /** @description lines counted so far; fixed at close */
                        linesCounted: number;
                        linesMatched: number | null;
                        linesTotal: number;
                        linesWithVariance: number | null;
                        netVariance: number | null;
                        postedAt: string | null;
                        postedBy: string | null;
                        scope: {
                            kind: "all" | "list" | "sample";
                            seed?: string;
                            size?: number;
                        };
                        status: "open" | "closed" | "posted" | "cancelled";
                        warehouse: string;
                        zone: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    recordCountEntries: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    lines: {
                        counted: number;
                        /**
                         * Format: date-time
                         * @description when the units were counted (a scanner syncing late); default now
                         */
                        countedAt?: string;
                        sku: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accuracy: number | null;
                        cancelledAt: string | null;
                        cancelledBy: string | null;
                        closedAt: string | null;
                        closedBy: string | null;
                        countId: string;
                        createdAt: string;
                        createdBy: string | null;
                        lines: {
                            counted: number | null;
                            countedAt: string | null;
                            countedBy: string | null;
                            expected?: number | null;
                            reason?: string | null;
                            sku: string;
                            variance?: number | null;
                        }[];
                        /** @description lines counted so far; fixed at close */
                        linesCounted: number;
                        linesMatched: number | null;
                        linesTotal: number;
                        linesWithVariance: number | null;
                        netVariance: number | null;
                        postedAt: string | null;
                        postedBy: string | null;
                        scope: {
                            kind: "all" | "list" | "sample";
                            seed?: string;
                            size?: number;
                        };
                        status: "open" | "closed" | "posted" | "cancelled";
                        warehouse: string;
                        zone: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    postCount: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    defaultReason?: string;
                    reasons?: {
                        reason: string;
                        sku: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accuracy: number | null;
                        cancelledAt: string | null;
                        cancelledBy: string | null;
                        closedAt: string | null;
                        closedBy: string | null;
                        countId: string;
                        createdAt: string;
                        createdBy: string | null;
                        lines: {
                            counted: number | null;
                            countedAt: string | null;
                            countedBy: string | null;
                            expected?: number | null;
                            reason?: string | null;
                            sku: string;
                            variance?: number | null;
                        }[];
                        /** @description lines counted so far; fixed at close */
                        linesCounted: number;
                        linesMatched: number | null;
                        linesTotal: number;
                        linesWithVariance: number | null;
                        netVariance: number | null;
                        /** @description the positions the posting changed, after it */
                        positions: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            sku: string;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                        }[];
                        postedAt: string | null;
                        postedBy: string | null;
                        scope: {
                            kind: "all" | "list" | "sample";
                            seed?: string;
                            size?: number;
                        };
                        status: "open" | "closed" | "posted" | "cancelled";
                        warehouse: string;
                        zone: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    reportDamage: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                    qty: number;
                    reason: "broken" | "wrong_label" | "model_mixup" | "packaging" | "expired" | "other";
                    sku: string;
                    warehouse: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        at: string;
                        damageId: string;
                        note?: string;
                        position: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                        };
                        qty: number;
                        reason: "broken" | "wrong_label" | "model_mixup" | "packaging" | "expired" | "other";
                        sku: string;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getDashboardOverview: {
        parameters: {
            query?: {
                /** @description default: the start of the UTC day */
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        acknowledgedAlerts: number;
                        at: string;
                        /** @description the shop's currency, which stockValue is in */
                        currency: string;
                        onHandUnits: number;
                        openAlerts: number;
                        ordersReservedSince: number;
                        ordersShippedSince: number;
                        /** @description units sold beyond stock at oversold positions */
                        oversoldUnits: number;
                        /** @description sellable across warehouses, summed over SKUs */
                        sellableUnits: number;
                        since: string;
                        skus: number;
                        /** @description SKUs no warehouse can sell a unit of */
                        skusOutOfStock: number;
                        /** @description SKUs with at least one oversold position */
                        skusOversold: number;
                        stockValue: number;
                        transfersOpen: number;
                        unitsInTransit: number;
                        unitsShippedSince: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getDashboardSeries: {
        parameters: {
            query?: {
                bucket?: "hour" | "day";
                points?: number;
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bucket: "hour" | "day";
                        points: {
                            ordersPlaced: number;
                            ordersShipped: number;
                            sellable: number;
                            t: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listDashboardSkus: {
        parameters: {
            query?: {
                category?: string;
                channel?: string;
                desc?: boolean;
                limit?: number;
                offset?: number;
                /** @description part of the SKU or name */
                search?: string;
                sort?: "sku" | "name" | "sellable" | "onHand" | "reserved" | "unsellable" | "value";
                state?: "out" | "low" | "overstock";
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the shop's currency, which prices, costs and values are in */
                        currency: string;
                        items: {
                            locked: number;
                            name: string;
                            onHand: number;
                            openAlerts: number;
                            /** @description units sold beyond stock at oversold positions in scope */
                            oversold: number;
                            price: number | null;
                            reserved: number;
                            /** @description sellable across the warehouses in scope: the sum of positive S (oversold positions count 0) */
                            sellable: number;
                            sku: string;
                            transferReserved: number;
                            unitCost: number | null;
                            /** @description damaged + qcPending */
                            unsellable: number;
                            /** @description onHand x unitCost */
                            value: number;
                            virtual: number;
                        }[];
                        limit: number;
                        offset: number;
                        total: number;
                        /** @description the whole filtered list (every page), summed as its rows are; skus = total */
                        totals: {
                            onHand: number;
                            reserved: number;
                            sellable: number;
                            skus: number;
                            unsellable: number;
                            value: number;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getDemand: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                warehouse?: string;
            };
            header?: never;
            path: {
                sku: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        days: {
                            date: string;
                            outOfStock: boolean;
                            returned: number;
                            source: "import" | "ledger" | "none";
                            units: number;
                        }[];
                        firstLedgerDay: string | null;
                        from: string | null;
                        sku: string;
                        to: string | null;
                        warehouse: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    importDemand: {
        parameters: {
            query?: {
                /** @description what one row is: a day (default), a week dated by its Monday or a month dated by its first day; weeks and months are spread evenly over their days */
                bucket?: "day" | "week" | "month";
                /** @description SKUs not in the catalogue: reject the file (default, 404 unknown_sku), skip their rows, or create them */
                unknownSkus?: "reject" | "skip" | "create";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description CSV with a header row: date,sku,units[,warehouse,outOfStock,returned] */
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdSkus: string[];
                        from: string;
                        importId: number;
                        rows: number;
                        skippedSkus: string[];
                        skus: number;
                        source: string;
                        to: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                after?: number;
                limit?: number;
                /** @description comma-separated event types: stock.changed, order.reserved, order.confirmed, order.released, order.shipped, transfer.planned, transfer.shipped, transfer.received, transfer.cancelled, purchase_order.created, purchase_order.received, purchase_order.closed, purchase_order.cancelled, sku.out_of_stock, sku.back_in_stock, alert.opened, alert.resolved */
                types?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** @description unique and stable: use it to de-duplicate */
                            id: string;
                            /** @description position in the log: gap-free and increasing */
                            seq: number;
                            /** @description the aggregate, e.g. order:o-1, position:MUG@LON, sku:MUG */
                            stream: string;
                            /** @description position within the stream */
                            streamSeq: number;
                            type: string;
                        }[];
                        /** @description pass as `after` to read on */
                        lastSeq: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    streamEvents: {
        parameters: {
            query?: {
                after?: number;
                /** @description comma-separated event types: stock.changed, order.reserved, order.confirmed, order.released, order.shipped, transfer.planned, transfer.shipped, transfer.received, transfer.cancelled, purchase_order.created, purchase_order.received, purchase_order.closed, purchase_order.cancelled, sku.out_of_stock, sku.back_in_stock, alert.opened, alert.resolved */
                types?: string;
            };
            header?: {
                "last-event-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listForecastEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            dates: string[];
                            name: string;
                        }[];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putForecastEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description every date of the event, past and future */
                    dates: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        dates: string[];
                        name: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        dates: string[];
                        name: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteForecastEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getForecast: {
        parameters: {
            query?: {
                /** @description forecast in days (default), weeks (Monday to Sunday) or calendar months; answered per bucket in periods, spread back to days in days */
                bucket?: "day" | "week" | "month";
                /** @description days to forecast, 1 to 365 */
                horizonDays?: number;
                /** @description interval coverage in (0, 1); default 0.8 */
                level?: number;
                /** @description season length in buckets (default 7 for days, 52 for weeks, 12 for months); 0 for none */
                seasonLength?: number;
                warehouse?: string;
            };
            header?: never;
            path: {
                sku: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        backtest: {
                            dailyErrorSd: number;
                            origins: number;
                            wape: number | null;
                        };
                        bucket: "day" | "week" | "month";
                        /** @description demand class (Syntetos-Boylan): how regular and how even the demand is */
                        classification: "smooth" | "erratic" | "intermittent" | "lumpy" | "none";
                        days: {
                            /** @description the interval at each level: the requested one, 0.8 and 0.95 */
                            bands: {
                                level: number;
                                lower: number;
                                upper: number;
                            }[];
                            date: string;
                            events: string[];
                            /** @description expected demand (a mean): what stock is built on */
                            forecast: number;
                            lower: number;
                            /** @description the median of the demand: half the outcomes are at most this (often 0 for a SKU that sells on few days, where the mean is not); absolute-error measures such as MASE and WAPE judge a median */
                            median: number;
                            upper: number;
                        }[];
                        eventUplifts: {
                            name: string;
                            /** @description past occurrences it was learned from */
                            occurrences: number;
                            /** @description factor on the baseline forecast; 1: nothing learned */
                            uplift: number;
                        }[];
                        history: {
                            from: string | null;
                            observedDays: number;
                            outOfStockDays: number;
                            to: string | null;
                        };
                        horizonDays: number;
                        /** @description how the intervals were made and how often they held on held-out data */
                        intervals: {
                            heldOut: {
                                /** @description share of held-out backtest outcomes inside intervals calibrated on the other origins; null when it could not be checked */
                                coverage: number | null;
                                /** @description outcomes checked */
                                days: number;
                                level: number;
                            }[];
                            /** @description conformal: calibrated quantiles of the backtest errors; normal: from the in-sample residuals (too few backtest errors); zero-inflated: an intermittent or lumpy history's share of days without demand and its order sizes, matched to the forecast; none: no history */
                            method: "conformal" | "normal" | "zero-inflated" | "none";
                        };
                        level: number;
                        model: string;
                        periods: {
                            /** @description the interval at each level: the requested one, 0.8 and 0.95 */
                            bands: {
                                level: number;
                                lower: number;
                                upper: number;
                            }[];
                            end: string;
                            forecast: number;
                            lower: number;
                            /** @description the median of the demand: half the outcomes are at most this (often 0 for a SKU that sells on few days, where the mean is not); absolute-error measures such as MASE and WAPE judge a median */
                            median: number;
                            start: string;
                            upper: number;
                        }[];
                        /** @description bottom-up: the SKU as a whole (no warehouse) is the sum of its warehouses’ forecasts, its intervals keep the widths of its own forecast; none: its own forecast */
                        reconciliation: {
                            method: "bottom-up" | "none";
                            warehouses: {
                                model: string;
                                warehouse: string;
                            }[];
                        };
                        /** @description the season length used, null when the history did not support one */
                        seasonLength: number | null;
                        sku: string;
                        warehouse: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listInTransit: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                sku?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            from: string;
                            inTransit: number;
                            sku: string;
                            status: "planned" | "partially_shipped" | "in_transit" | "received" | "cancelled";
                            to: string;
                            transferId: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getStockAgeing: {
        parameters: {
            query?: {
                abc?: "A" | "B" | "C";
                basis?: "revenue" | "margin";
                bucket?: "day" | "week" | "month";
                by?: "sku" | "channel" | "warehouse";
                category?: string;
                channel?: string;
                days?: number;
                format?: "json" | "csv";
                /** @description a UTC calendar day, YYYY-MM-DD */
                from?: string;
                limit?: number;
                product?: string;
                supplier?: string;
                /** @description a UTC calendar day, YYYY-MM-DD */
                to?: string;
                warehouse?: string;
                xyz?: "X" | "Y" | "Z";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report as JSON, or with format=csv its table as text/csv */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        at: string;
                        bands: {
                            band: string;
                            units: number;
                            /** @description in the shop's currency, rounded to its minor unit */
                            value: number;
                        }[];
                        /** @description the shop's currency (ISO 4217) */
                        currency: string;
                        rows: {
                            /** @description units per age band, in the order of `bands` */
                            bands: number[];
                            name: string;
                            oldestDays: number;
                            sku: string;
                            units: number;
                            /** @description in the shop's currency, rounded to its minor unit */
                            value: number;
                        }[];
                    };
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getAbcXyzClasses: {
        parameters: {
            query?: {
                abc?: "A" | "B" | "C";
                basis?: "revenue" | "margin";
                bucket?: "day" | "week" | "month";
                by?: "sku" | "channel" | "warehouse";
                category?: string;
                channel?: string;
                days?: number;
                format?: "json" | "csv";
                /** @description a UTC calendar day, YYYY-MM-DD */
                from?: string;
                limit?: number;
                product?: string;
                supplier?: string;
                /** @description a UTC calendar day, YYYY-MM-DD */
                to?: string;
                warehouse?: string;
                xyz?: "X" | "Y" | "Z";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report as JSON, or with format=csv its table as text/csv */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        basis: "revenue" | "margin";
                        bucket: "day" | "week" | "month";
                        /** @description SKUs per class, e.g. "AX" */
                        counts: {
                            [key: string]: number;
                        };
                        /** @description the shop's currency (ISO 4217) */
                        currency: string;
                        /**
                         * Format: date
                         * @description a UTC calendar day, YYYY-MM-DD
                         */
                        from: string;
                        rows: {
                            abc: "A" | "B" | "C";
                            cv: number | null;
                            /** @description in the shop's currency, rounded to its minor unit */
                            margin: number;
                            name: string;
                            /** @description in the shop's currency, rounded to its minor unit */
                            revenue: number;
                            sku: string;
                            units: number;
                            xyz: "X" | "Y" | "Z";
                        }[];
                        /**
                         * Format: date
                         * @description a UTC calendar day, YYYY-MM-DD
                         */
                        to: string;
                    };
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getDeadStock: {
        parameters: {
            query?: {
                abc?: "A" | "B" | "C";
                basis?: "revenue" | "margin";
                bucket?: "day" | "week" | "month";
                by?: "sku" | "channel" | "warehouse";
                category?: string;
                channel?: string;
                days?: number;
                format?: "json" | "csv";
                /** @description a UTC calendar day, YYYY-MM-DD */
                from?: string;
                limit?: number;
                product?: string;
                supplier?: string;
                /** @description a UTC calendar day, YYYY-MM-DD */
                to?: string;
                warehouse?: string;
                xyz?: "X" | "Y" | "Z";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report as JSON, or with format=csv its table as text/csv */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the shop's currency (ISO 4217) */
                        currency: string;
                        days: number;
                        rows: {
                            lastSoldAt: string | null;
                            name: string;
                            sku: string;
                            units: number;
                            /** @description in the shop's currency, rounded to its minor unit */
                            value: number;
                        }[];
                        skus: number;
                        units: number;
                        /** @description in the shop's currency, rounded to its minor unit */
                        value: number;
                    };
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getForecastAccuracy: {
        parameters: {
            query?: {
                abc?: "A" | "B" | "C";
                basis?: "revenue" | "margin";
                bucket?: "day" | "week" | "month";
                by?: "sku" | "channel" | "warehouse";
                category?: string;
                channel?: string;
                days?: number;
                format?: "json" | "csv";
                /** @description a UTC calendar day, YYYY-MM-DD */
                from?: string;
                limit?: number;
                product?: string;
                supplier?: string;
                /** @description a UTC calendar day, YYYY-MM-DD */
                to?: string;
                warehouse?: string;
                xyz?: "X" | "Y" | "Z";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report as JSON, or with format=csv its table as text/csv */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bucket: "day" | "week" | "month";
                        /**
                         * Format: date
                         * @description a UTC calendar day, YYYY-MM-DD
                         */
                        from: string;
                        points: {
                            actual: number;
                            bias: number | null;
                            forecast: number;
                            /**
                             * Format: date
                             * @description the first day of the bucket
                             */
                            t: string;
                            wape: number | null;
                        }[];
                        rows: {
                            actual: number;
                            bias: number | null;
                            forecast: number;
                            sku: string;
                            wape: number | null;
                        }[];
                        /**
                         * Format: date
                         * @description a UTC calendar day, YYYY-MM-DD
                         */
                        to: string;
                        totals: {
                            actual: number;
                            bias: number | null;
                            forecast: number;
                            wape: number | null;
                        };
                    };
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getSalesInsights: {
        parameters: {
            query?: {
                abc?: "A" | "B" | "C";
                basis?: "revenue" | "margin";
                bucket?: "day" | "week" | "month";
                by?: "sku" | "channel" | "warehouse";
                category?: string;
                channel?: string;
                days?: number;
                format?: "json" | "csv";
                /** @description a UTC calendar day, YYYY-MM-DD */
                from?: string;
                limit?: number;
                product?: string;
                supplier?: string;
                /** @description a UTC calendar day, YYYY-MM-DD */
                to?: string;
                warehouse?: string;
                xyz?: "X" | "Y" | "Z";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report as JSON, or with format=csv its table as text/csv */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bucket: "day" | "week" | "month";
                        by: "sku" | "channel" | "warehouse";
                        /** @description the shop's currency (ISO 4217) */
                        currency: string;
                        /**
                         * Format: date
                         * @description a UTC calendar day, YYYY-MM-DD
                         */
                        from: string;
                        points: {
                            /** @description in the shop's currency, rounded to its minor unit */
                            cogs: number;
                            /** @description in the shop's currency, rounded to its minor unit */
                            margin: number;
                            /** @description in the shop's currency, rounded to its minor unit */
                            revenue: number;
                            /**
                             * Format: date
                             * @description the first day of the bucket
                             */
                            t: string;
                            units: number;
                        }[];
                        rows: {
                            /** @description in the shop's currency, rounded to its minor unit */
                            cogs: number;
                            /** @description the SKU, channel or warehouse */
                            key: string;
                            /** @description in the shop's currency, rounded to its minor unit */
                            margin: number;
                            /** @description in the shop's currency, rounded to its minor unit */
                            revenue: number;
                            units: number;
                        }[];
                        /**
                         * Format: date
                         * @description a UTC calendar day, YYYY-MM-DD
                         */
                        to: string;
                        totals: {
                            /** @description in the shop's currency, rounded to its minor unit */
                            cogs: number;
                            /** @description in the shop's currency, rounded to its minor unit */
                            margin: number;
                            /** @description in the shop's currency, rounded to its minor unit */
                            revenue: number;
                            units: number;
                        };
                    };
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getStockInsights: {
        parameters: {
            query?: {
                abc?: "A" | "B" | "C";
                basis?: "revenue" | "margin";
                bucket?: "day" | "week" | "month";
                by?: "sku" | "channel" | "warehouse";
                category?: string;
                channel?: string;
                days?: number;
                format?: "json" | "csv";
                /** @description a UTC calendar day, YYYY-MM-DD */
                from?: string;
                limit?: number;
                product?: string;
                supplier?: string;
                /** @description a UTC calendar day, YYYY-MM-DD */
                to?: string;
                warehouse?: string;
                xyz?: "X" | "Y" | "Z";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report as JSON, or with format=csv its table as text/csv */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bucket: "day" | "week" | "month";
                        /** @description the shop's currency (ISO 4217) */
                        currency: string;
                        /**
                         * Format: date
                         * @description a UTC calendar day, YYYY-MM-DD
                         */
                        from: string;
                        points: {
                            /** @description units on hand at the end of the bucket */
                            onHand: number;
                            /** @description sellable at the end of the bucket (oversold positions count negative) */
                            sellable: number;
                            /**
                             * Format: date
                             * @description the first day of the bucket
                             */
                            t: string;
                            /** @description in the shop's currency, rounded to its minor unit */
                            value: number;
                        }[];
                        /**
                         * Format: date
                         * @description a UTC calendar day, YYYY-MM-DD
                         */
                        to: string;
                    };
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getStockouts: {
        parameters: {
            query?: {
                abc?: "A" | "B" | "C";
                basis?: "revenue" | "margin";
                bucket?: "day" | "week" | "month";
                by?: "sku" | "channel" | "warehouse";
                category?: string;
                channel?: string;
                days?: number;
                format?: "json" | "csv";
                /** @description a UTC calendar day, YYYY-MM-DD */
                from?: string;
                limit?: number;
                product?: string;
                supplier?: string;
                /** @description a UTC calendar day, YYYY-MM-DD */
                to?: string;
                warehouse?: string;
                xyz?: "X" | "Y" | "Z";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report as JSON, or with format=csv its table as text/csv */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bucket: "day" | "week" | "month";
                        /** @description the shop's currency (ISO 4217) */
                        currency: string;
                        /**
                         * Format: date
                         * @description a UTC calendar day, YYYY-MM-DD
                         */
                        from: string;
                        /** @description in the shop's currency, rounded to its minor unit */
                        lostRevenue: number;
                        points: {
                            skuDaysOut: number;
                            /**
                             * Format: date
                             * @description the first day of the bucket
                             */
                            t: string;
                        }[];
                        rows: {
                            daysOut: number;
                            forecastDaily: number | null;
                            lostRevenue: number | null;
                            lostUnits: number | null;
                            name: string;
                            sku: string;
                        }[];
                        skuDaysOut: number;
                        skusOut: number;
                        /**
                         * Format: date
                         * @description a UTC calendar day, YYYY-MM-DD
                         */
                        to: string;
                    };
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getInsightsSummary: {
        parameters: {
            query?: {
                abc?: "A" | "B" | "C";
                basis?: "revenue" | "margin";
                bucket?: "day" | "week" | "month";
                by?: "sku" | "channel" | "warehouse";
                category?: string;
                channel?: string;
                days?: number;
                format?: "json" | "csv";
                /** @description a UTC calendar day, YYYY-MM-DD */
                from?: string;
                limit?: number;
                product?: string;
                supplier?: string;
                /** @description a UTC calendar day, YYYY-MM-DD */
                to?: string;
                warehouse?: string;
                xyz?: "X" | "Y" | "Z";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report as JSON, or with format=csv its table as text/csv */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description in the shop's currency, rounded to its minor unit */
                        averageInventoryValue: number;
                        bucket: "day" | "week" | "month";
                        closingUnits: number;
                        /** @description in the shop's currency, rounded to its minor unit */
                        closingValue: number;
                        /** @description in the shop's currency, rounded to its minor unit */
                        cogs: number;
                        /** @description the shop's currency (ISO 4217) */
                        currency: string;
                        days: number;
                        daysOfInventory: number | null;
                        /**
                         * Format: date
                         * @description a UTC calendar day, YYYY-MM-DD
                         */
                        from: string;
                        gmroi: number | null;
                        /** @description in the shop's currency, rounded to its minor unit */
                        margin: number;
                        /** @description in the shop's currency, rounded to its minor unit */
                        revenue: number;
                        sellThrough: number | null;
                        /**
                         * Format: date
                         * @description a UTC calendar day, YYYY-MM-DD
                         */
                        to: string;
                        turnover: number | null;
                        units: number;
                    };
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    inspectStock: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    lines: {
                        failed: number;
                        passed: number;
                        sku: string;
                    }[];
                    warehouse: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        at: string;
                        inspectionId: string;
                        lines: {
                            failed: number;
                            passed: number;
                            sku: string;
                        }[];
                        positions: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            sku: string;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                        }[];
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listLocks: {
        parameters: {
            query?: {
                active?: boolean;
                cursor?: string;
                limit?: number;
                sku?: string;
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            active: boolean;
                            createdAt: string;
                            /** @description units still locked */
                            locked: number;
                            lockId: string;
                            /** @description units locked at creation */
                            qty: number;
                            reason: string;
                            /** @description units released so far, by hand, by waves or at until */
                            released: number;
                            releasedAt: string | null;
                            sku: string;
                            until: string | null;
                            warehouse: string;
                            waves: {
                                at: string;
                                qty: number;
                                released: number;
                                releasedAt: string | null;
                                wave: number;
                            }[];
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    lockStock: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    qty: number;
                    reason: string;
                    sku: string;
                    /** Format: date-time */
                    until?: string;
                    warehouse: string;
                    waves?: {
                        /** Format: date-time */
                        at: string;
                        qty: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        createdAt: string;
                        /** @description units still locked */
                        locked: number;
                        lockId: string;
                        position: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                        };
                        /** @description units locked at creation */
                        qty: number;
                        reason: string;
                        /** @description units released so far, by hand, by waves or at until */
                        released: number;
                        releasedAt: string | null;
                        sku: string;
                        until: string | null;
                        warehouse: string;
                        waves: {
                            at: string;
                            qty: number;
                            released: number;
                            releasedAt: string | null;
                            wave: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getLock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        createdAt: string;
                        /** @description units still locked */
                        locked: number;
                        lockId: string;
                        /** @description units locked at creation */
                        qty: number;
                        reason: string;
                        /** @description units released so far, by hand, by waves or at until */
                        released: number;
                        releasedAt: string | null;
                        releases: {
                            actor: string | null;
                            at: string;
                            qty: number;
                            reason: string | null;
                        }[];
                        sku: string;
                        until: string | null;
                        warehouse: string;
                        waves: {
                            at: string;
                            qty: number;
                            released: number;
                            releasedAt: string | null;
                            wave: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    unlockStock: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    qty?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        createdAt: string;
                        /** @description units still locked */
                        locked: number;
                        lockId: string;
                        position: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                        };
                        /** @description units locked at creation */
                        qty: number;
                        reason: string;
                        /** @description units released so far, by hand, by waves or at until */
                        released: number;
                        releasedAt: string | null;
                        sku: string;
                        unlocked: number;
                        until: string | null;
                        warehouse: string;
                        waves: {
                            at: string;
                            qty: number;
                            released: number;
                            releasedAt: string | null;
                            wave: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listMovements: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                order?: string;
                since?: string;
                sku?: string;
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            actor: string | null;
                            at: string;
                            deltas: {
                                [key: string]: number;
                            };
                            id: number;
                            orderId: string | null;
                            qty: number;
                            reason: string | null;
                            reference: string | null;
                            sku: string;
                            type: string;
                            warehouse: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listOrders: {
        parameters: {
            query?: {
                channel?: string;
                cursor?: string;
                limit?: number;
                region?: string;
                sku?: string;
                status?: "reserved" | "confirmed" | "partially_shipped" | "shipped" | "released";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            channel: string | null;
                            createdAt: string;
                            expiresAt: string | null;
                            orderId: string;
                            region: string | null;
                            /** @description released by cancellation or expiry */
                            released: number;
                            releasedReason: string | null;
                            shipped: number;
                            status: "reserved" | "confirmed" | "partially_shipped" | "shipped" | "released";
                            /** @description units allocated */
                            units: number;
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    placeOrder: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    channel?: string;
                    expiresInSeconds?: number;
                    lines: {
                        qty: number;
                        sku: string;
                        warehouse?: string;
                    }[];
                    orderId: string;
                    region?: string;
                    /** @description overrides the service's routing policy (GET /v1/settings/routing) for this order */
                    routing?: {
                        allowSplit?: boolean;
                        /** @description fewest_shipments (default: fewest warehouses, then fastest delivery, then priority), fastest, priority, single_warehouse */
                        strategy?: "fewest_shipments" | "fastest" | "priority" | "single_warehouse";
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocations: {
                            qty: number;
                            /** @description why this warehouse: named on the line, or the routing reason */
                            reason: string;
                            sku: string;
                            warehouse: string;
                        }[];
                        expiresAt: string | null;
                        orderId: string;
                        routing: {
                            allowSplit: boolean;
                            region: string | null;
                            /** @description fewest_shipments (default: fewest warehouses, then fastest delivery, then priority), fastest, priority, single_warehouse */
                            strategy: "fewest_shipments" | "fastest" | "priority" | "single_warehouse";
                        };
                        /** @enum {string} */
                        status: "reserved";
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocations: {
                            qty: number;
                            /** @description why this warehouse: named on the line, or the routing reason */
                            reason: string;
                            sku: string;
                            warehouse: string;
                        }[];
                        expiresAt: string | null;
                        orderId: string;
                        routing: {
                            allowSplit: boolean;
                            region: string | null;
                            /** @description fewest_shipments (default: fewest warehouses, then fastest delivery, then priority), fastest, priority, single_warehouse */
                            strategy: "fewest_shipments" | "fastest" | "priority" | "single_warehouse";
                        };
                        /** @enum {string} */
                        status: "reserved";
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocations: {
                            /** @description of the open units, how many rest on virtual stock (a supplier's capacity) rather than on units physically free at the warehouse; first come, first served */
                            onVirtual: number;
                            open: number;
                            qty: number;
                            reason: string | null;
                            released: number;
                            returned: number;
                            shipped: number;
                            sku: string;
                            warehouse: string;
                        }[];
                        channel: string | null;
                        createdAt: string;
                        expiresAt: string | null;
                        lines: {
                            qty: number;
                            sku: string;
                            warehouse: string | null;
                        }[];
                        orderId: string;
                        region: string | null;
                        releasedReason: string | null;
                        shipments: {
                            lines: {
                                qty: number;
                                sku: string;
                                warehouse: string;
                            }[];
                            shipmentId: string;
                            shippedAt: string;
                        }[];
                        status: "reserved" | "confirmed" | "partially_shipped" | "shipped" | "released";
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocations: {
                            /** @description of the open units, how many rest on virtual stock (a supplier's capacity) rather than on units physically free at the warehouse; first come, first served */
                            onVirtual: number;
                            open: number;
                            qty: number;
                            reason: string | null;
                            released: number;
                            returned: number;
                            shipped: number;
                            sku: string;
                            warehouse: string;
                        }[];
                        channel: string | null;
                        createdAt: string;
                        expiresAt: string | null;
                        lines: {
                            qty: number;
                            sku: string;
                            warehouse: string | null;
                        }[];
                        orderId: string;
                        region: string | null;
                        releasedReason: string | null;
                        shipments: {
                            lines: {
                                qty: number;
                                sku: string;
                                warehouse: string;
                            }[];
                            shipmentId: string;
                            shippedAt: string;
                        }[];
                        status: "reserved" | "confirmed" | "partially_shipped" | "shipped" | "released";
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    confirmOrder: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocations: {
                            /** @description of the open units, how many rest on virtual stock (a supplier's capacity) rather than on units physically free at the warehouse; first come, first served */
                            onVirtual: number;
                            open: number;
                            qty: number;
                            reason: string | null;
                            released: number;
                            returned: number;
                            shipped: number;
                            sku: string;
                            warehouse: string;
                        }[];
                        channel: string | null;
                        createdAt: string;
                        expiresAt: string | null;
                        lines: {
                            qty: number;
                            sku: string;
                            warehouse: string | null;
                        }[];
                        orderId: string;
                        region: string | null;
                        releasedReason: string | null;
                        shipments: {
                            lines: {
                                qty: number;
                                sku: string;
                                warehouse: string;
                            }[];
                            shipmentId: string;
                            shippedAt: string;
                        }[];
                        status: "reserved" | "confirmed" | "partially_shipped" | "shipped" | "released";
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    shipOrder: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    lines?: {
                        qty: number;
                        sku: string;
                        warehouse?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        lines: {
                            qty: number;
                            sku: string;
                            warehouse: string;
                        }[];
                        orderId: string;
                        shipmentId: string;
                        shippedAt: string;
                        status: "reserved" | "confirmed" | "partially_shipped" | "shipped" | "released";
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listOversold: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                sku?: string;
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            at: string;
                            id: number;
                            movementId: number;
                            movementType: string;
                            ordersAtRisk: string[];
                            reason: string | null;
                            resolvedAt: string | null;
                            sellableAfter: number;
                            sku: string;
                            warehouse: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listProducts: {
        parameters: {
            query?: {
                category?: string;
                cursor?: string;
                limit?: number;
                search?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attributes: {
                                [key: string]: unknown;
                            };
                            categories: string[];
                            code: string;
                            /** Format: date-time */
                            createdAt: string;
                            description: string | null;
                            name: string;
                            options: string[];
                            /** @description sellable across the warehouses in scope, summed over its SKUs */
                            sellable: number;
                            skuCount: number;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attributes: {
                            [key: string]: unknown;
                        };
                        categories: string[];
                        code: string;
                        /** Format: date-time */
                        createdAt: string;
                        description: string | null;
                        name: string;
                        options: string[];
                        /** @description sellable across the warehouses in scope, summed over its SKUs */
                        sellable: number;
                        skuCount: number;
                        skus: {
                            attributes: {
                                [key: string]: unknown;
                            };
                            categories: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** @description the shop's currency (ISO 4217), which unitCost and price are in */
                            currency: string;
                            name: string;
                            options: {
                                [key: string]: string;
                            };
                            price: number | null;
                            /** @description the product this SKU is a variant of */
                            product: string | null;
                            sku: string;
                            /** @description absent for storefront keys: costs are not public */
                            unitCost?: number | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description one unit's volume in litres (null: not known) */
                            volumeLitres?: number | null;
                        }[];
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    attributes?: {
                        [key: string]: unknown;
                    };
                    categories?: string[];
                    description?: string | null;
                    name: string;
                    options?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attributes: {
                            [key: string]: unknown;
                        };
                        categories: string[];
                        code: string;
                        /** Format: date-time */
                        createdAt: string;
                        description: string | null;
                        name: string;
                        options: string[];
                        /** @description sellable across the warehouses in scope, summed over its SKUs */
                        sellable: number;
                        skuCount: number;
                        skus: {
                            attributes: {
                                [key: string]: unknown;
                            };
                            categories: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** @description the shop's currency (ISO 4217), which unitCost and price are in */
                            currency: string;
                            name: string;
                            options: {
                                [key: string]: string;
                            };
                            price: number | null;
                            /** @description the product this SKU is a variant of */
                            product: string | null;
                            sku: string;
                            /** @description absent for storefront keys: costs are not public */
                            unitCost?: number | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description one unit's volume in litres (null: not known) */
                            volumeLitres?: number | null;
                        }[];
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attributes: {
                            [key: string]: unknown;
                        };
                        categories: string[];
                        code: string;
                        /** Format: date-time */
                        createdAt: string;
                        description: string | null;
                        name: string;
                        options: string[];
                        /** @description sellable across the warehouses in scope, summed over its SKUs */
                        sellable: number;
                        skuCount: number;
                        skus: {
                            attributes: {
                                [key: string]: unknown;
                            };
                            categories: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** @description the shop's currency (ISO 4217), which unitCost and price are in */
                            currency: string;
                            name: string;
                            options: {
                                [key: string]: string;
                            };
                            price: number | null;
                            /** @description the product this SKU is a variant of */
                            product: string | null;
                            sku: string;
                            /** @description absent for storefront keys: costs are not public */
                            unitCost?: number | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description one unit's volume in litres (null: not known) */
                            volumeLitres?: number | null;
                        }[];
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getProductStock: {
        parameters: {
            query?: {
                warehouse?: string;
            };
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        byRegion: {
                            onHand: number;
                            oversold: number;
                            region: string;
                            sellable: number;
                        }[];
                        bySku: {
                            onHand: number;
                            options: {
                                [key: string]: string;
                            };
                            oversold: number;
                            sellable: number;
                            sku: string;
                        }[];
                        byWarehouse: {
                            onHand: number;
                            oversold: number;
                            region: string;
                            sellable: number;
                            warehouse: string;
                        }[];
                        onHand: number;
                        oversold: number;
                        product: string;
                        sellable: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listPurchaseOrders: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                sku?: string;
                /** @description active: open or partially received */
                status?: ("open" | "partially_received" | "received" | "closed" | "cancelled") | "active";
                supplier?: string;
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            closeReason: string | null;
                            createdAt: string;
                            expectedAt: string;
                            lines: {
                                /** @description still expected: the position's incoming while the order is open */
                                open: number;
                                ordered: number;
                                /** @description received beyond what was ordered */
                                overReceived: number;
                                received: number;
                                /** @description missing when the order was closed */
                                short: number;
                                sku: string;
                                unitCost: number | null;
                            }[];
                            poId: string;
                            reference: string | null;
                            status: "open" | "partially_received" | "received" | "closed" | "cancelled";
                            supplier: string;
                            updatedAt: string;
                            warehouse: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    createPurchaseOrder: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description default: now plus the supplier's lead time
                     */
                    expectedAt?: string;
                    lines: {
                        qty: number;
                        sku: string;
                        unitCost?: number;
                    }[];
                    reference?: string;
                    supplier: string;
                    warehouse: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        closeReason: string | null;
                        createdAt: string;
                        expectedAt: string;
                        lines: {
                            /** @description still expected: the position's incoming while the order is open */
                            open: number;
                            ordered: number;
                            /** @description received beyond what was ordered */
                            overReceived: number;
                            received: number;
                            /** @description missing when the order was closed */
                            short: number;
                            sku: string;
                            unitCost: number | null;
                        }[];
                        poId: string;
                        reference: string | null;
                        status: "open" | "partially_received" | "received" | "closed" | "cancelled";
                        supplier: string;
                        updatedAt: string;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getPurchaseOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                poId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        closeReason: string | null;
                        createdAt: string;
                        expectedAt: string;
                        lines: {
                            /** @description still expected: the position's incoming while the order is open */
                            open: number;
                            ordered: number;
                            /** @description received beyond what was ordered */
                            overReceived: number;
                            received: number;
                            /** @description missing when the order was closed */
                            short: number;
                            sku: string;
                            unitCost: number | null;
                        }[];
                        poId: string;
                        reference: string | null;
                        status: "open" | "partially_received" | "received" | "closed" | "cancelled";
                        supplier: string;
                        updatedAt: string;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    closePurchaseOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                poId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description cancel instead of closing: only an open order nothing was received on */
                    cancel?: boolean;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        closeReason: string | null;
                        createdAt: string;
                        expectedAt: string;
                        lines: {
                            /** @description still expected: the position's incoming while the order is open */
                            open: number;
                            ordered: number;
                            /** @description received beyond what was ordered */
                            overReceived: number;
                            received: number;
                            /** @description missing when the order was closed */
                            short: number;
                            sku: string;
                            unitCost: number | null;
                        }[];
                        poId: string;
                        reference: string | null;
                        status: "open" | "partially_received" | "received" | "closed" | "cancelled";
                        supplier: string;
                        updatedAt: string;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    receivePurchaseOrder: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                poId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    lines: {
                        /** @description goods that were sold as virtual stock: V -= q as I += q */
                        againstVirtual?: boolean;
                        /** @description book into qcPending, awaiting inspection */
                        inspect?: boolean;
                        qty: number;
                        sku: string;
                    }[];
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        positions: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            sku: string;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                        }[];
                        purchaseOrder: {
                            closeReason: string | null;
                            createdAt: string;
                            expectedAt: string;
                            lines: {
                                /** @description still expected: the position's incoming while the order is open */
                                open: number;
                                ordered: number;
                                /** @description received beyond what was ordered */
                                overReceived: number;
                                received: number;
                                /** @description missing when the order was closed */
                                short: number;
                                sku: string;
                                unitCost: number | null;
                            }[];
                            poId: string;
                            reference: string | null;
                            status: "open" | "partially_received" | "received" | "closed" | "cancelled";
                            supplier: string;
                            updatedAt: string;
                            warehouse: string;
                        };
                        receiptId: string;
                        receivedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    receiveStock: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    lines: {
                        againstVirtual?: boolean;
                        inspect?: boolean;
                        qty: number;
                        sku: string;
                        zone?: string;
                    }[];
                    reference?: string;
                    warehouse: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        lines: {
                            againstVirtual: boolean;
                            code?: string;
                            damaged?: boolean;
                            inspect: boolean;
                            qty: number;
                            sku: string;
                            zone?: string;
                        }[];
                        positions: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            sku: string;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                        }[];
                        receiptId: string;
                        receivedAt: string;
                        reference: string | null;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listRegions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            code: string;
                            countries: string[];
                            lat: number | null;
                            lon: number | null;
                            name: string;
                            postalPrefixes: string[];
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getRegion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        countries: string[];
                        lat: number | null;
                        lon: number | null;
                        name: string;
                        postalPrefixes: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putRegion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        /** @description a region needs coordinates (lat and lon) or coverage (countries and/or postal-code prefixes) */
        requestBody: {
            content: {
                "application/json": {
                    countries?: string[];
                    lat?: number | null;
                    lon?: number | null;
                    name: string;
                    postalPrefixes?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        countries: string[];
                        lat: number | null;
                        lon: number | null;
                        name: string;
                        postalPrefixes: string[];
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        countries: string[];
                        lat: number | null;
                        lon: number | null;
                        name: string;
                        postalPrefixes: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    repairStock: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                    qty: number;
                    sku: string;
                    warehouse: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        at: string;
                        note?: string;
                        position: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                        };
                        qty: number;
                        repairId: string;
                        sku: string;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listReplenishmentSuggestions: {
        parameters: {
            query?: {
                cursor?: string;
                /** @description csv: every matching row at once, no paging */
                format?: "json" | "csv";
                limit?: number;
                /** @description only positions at or below their reorder point */
                onlyNeeded?: boolean;
                sku?: string;
                supplier?: string;
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON page, or with format=csv text/csv with header sku,warehouse,supplier,needed,suggestedQty,reorderBy,inventoryPosition,reorderPoint,orderUpTo,safetyStock,leadTimeDemand,daysOfCover,dailyDemand,coverWindowDays,onHand,reserved,backorders,unsellable,transferReserved,inboundTransfers,incoming,virtual,leadTimeDays,serviceLevel,reviewPeriodDays,minOrder,packSize,model,dailyMean,forecastPending,unitCost */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description units of standing orders' deliveries not reserved yet within lead time plus review period: known demand on top of the forecast */
                            committed: number;
                            /** @description the window dailyDemand is taken over: leadTimeDays + reviewPeriodDays (at least 1) */
                            coverWindowDays: number;
                            /** @description mean forecast demand per day over coverWindowDays */
                            dailyDemand: number;
                            daysOfCover: number | null;
                            forecast: {
                                computedAt: string;
                                dailyErrorSd: number;
                                /** @description mean daily demand over lead time plus review period */
                                dailyMean: number;
                                model: string;
                                wape: number | null;
                            } | null;
                            /** @description no forecast yet (the background refresher computes it): the suggestion covers only what is owed */
                            forecastPending: boolean;
                            /** @description onHand - unsellable - reserved - transferReserved + inboundTransfers + incoming */
                            inventoryPosition: number;
                            leadTimeDemand: number;
                            needed: boolean;
                            orderUpTo: number;
                            policy: {
                                leadTimeDays: number;
                                minOrder: number;
                                packSize: number;
                                reviewPeriodDays: number;
                                serviceLevel: number;
                                supplier: string | null;
                            };
                            reorderBy: string | null;
                            reorderInDays: number | null;
                            /** @description leadTimeDemand + safetyStock, at most the demand over lead time plus review period */
                            reorderPoint: number;
                            /** @description quantile of the forecast's backtest errors summed over lead time plus review period, at the service level calibrated on the backtest origins; at most 3 times the demand over that interval */
                            safetyStock: number;
                            sku: string;
                            stock: {
                                /** @description reserved units resting on virtual stock */
                                backorders: number;
                                /** @description transfers to this warehouse, planned or on the road */
                                inboundTransfers: number;
                                /** @description open purchase-order units */
                                incoming: number;
                                locked: number;
                                onHand: number;
                                reserved: number;
                                sellable: number;
                                transferReserved: number;
                                /** @description damaged + awaiting inspection */
                                unsellable: number;
                                virtual: number;
                            };
                            suggestedQty: number;
                            unitCost: number | null;
                            warehouse: string;
                        }[];
                        nextCursor: string | null;
                    };
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getReplenishmentPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sku: string;
                warehouse: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        effective: {
                            /** @description days from order to arrival */
                            leadTimeDays: number;
                            /** @description smallest order in units */
                            minOrder: number;
                            /** @description orders are whole packs */
                            packSize: number;
                            /** @description days between two orders of this position (0: order any day) */
                            reviewPeriodDays: number;
                            /** @description cycle service level: the chance of not running out before the next order arrives, e.g. 0.95 */
                            serviceLevel: number;
                            supplier: string | null;
                        };
                        own: {
                            leadTimeDays: number | null;
                            minOrder: number | null;
                            packSize: number | null;
                            reviewPeriodDays: number | null;
                            serviceLevel: number | null;
                            supplier: string | null;
                        };
                        sku: string;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putReplenishmentPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sku: string;
                warehouse: string;
            };
            cookie?: never;
        };
        /** @description a null or missing field inherits from the supplier, then the defaults */
        requestBody: {
            content: {
                "application/json": {
                    leadTimeDays?: number | null;
                    minOrder?: number | null;
                    packSize?: number | null;
                    reviewPeriodDays?: number | null;
                    serviceLevel?: number | null;
                    supplier?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        effective: {
                            /** @description days from order to arrival */
                            leadTimeDays: number;
                            /** @description smallest order in units */
                            minOrder: number;
                            /** @description orders are whole packs */
                            packSize: number;
                            /** @description days between two orders of this position (0: order any day) */
                            reviewPeriodDays: number;
                            /** @description cycle service level: the chance of not running out before the next order arrives, e.g. 0.95 */
                            serviceLevel: number;
                            supplier: string | null;
                        };
                        own: {
                            leadTimeDays: number | null;
                            minOrder: number | null;
                            packSize: number | null;
                            reviewPeriodDays: number | null;
                            serviceLevel: number | null;
                            supplier: string | null;
                        };
                        sku: string;
                        warehouse: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        effective: {
                            /** @description days from order to arrival */
                            leadTimeDays: number;
                            /** @description smallest order in units */
                            minOrder: number;
                            /** @description orders are whole packs */
                            packSize: number;
                            /** @description days between two orders of this position (0: order any day) */
                            reviewPeriodDays: number;
                            /** @description cycle service level: the chance of not running out before the next order arrives, e.g. 0.95 */
                            serviceLevel: number;
                            supplier: string | null;
                        };
                        own: {
                            leadTimeDays: number | null;
                            minOrder: number | null;
                            packSize: number | null;
                            reviewPeriodDays: number | null;
                            serviceLevel: number | null;
                            supplier: string | null;
                        };
                        sku: string;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    orderReplenishmentSuggestions: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    expectedAt?: string;
                    reference?: string;
                    skus?: string[];
                    supplier: string;
                    warehouse: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        closeReason: string | null;
                        createdAt: string;
                        expectedAt: string;
                        lines: {
                            /** @description still expected: the position's incoming while the order is open */
                            open: number;
                            ordered: number;
                            /** @description received beyond what was ordered */
                            overReceived: number;
                            received: number;
                            /** @description missing when the order was closed */
                            short: number;
                            sku: string;
                            unitCost: number | null;
                        }[];
                        poId: string;
                        reference: string | null;
                        status: "open" | "partially_received" | "received" | "closed" | "cancelled";
                        supplier: string;
                        updatedAt: string;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    refreshReplenishment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default 500 */
                    limit?: number;
                    warehouse?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        more: boolean;
                        refreshed: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getReplenishmentTotals: {
        parameters: {
            query?: {
                sku?: string;
                supplier?: string;
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the shop's currency, which suggestedValue is in */
                        currency: string;
                        /** @description positions without a forecast yet */
                        forecastPending: number;
                        /** @description positions to order now */
                        needed: number;
                        /** @description needed rows without a unit cost (not in the value) */
                        neededWithoutCost: number;
                        positions: number;
                        suggestedUnits: number;
                        /** @description suggestedQty x unitCost over needed rows with a cost */
                        suggestedValue: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    returnStock: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    lines: {
                        condition: "sellable" | "damaged" | "inspect";
                        qty: number;
                        sku: string;
                    }[];
                    orderId?: string;
                    warehouse: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        lines: {
                            condition: string;
                            qty: number;
                            sku: string;
                        }[];
                        orderId: string | null;
                        positions: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            sku: string;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                        }[];
                        returnedAt: string;
                        returnId: string;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the shop's currency (ISO 4217) */
                        currency: string;
                        keyId: string;
                        role: "admin" | "operator" | "storefront";
                        warehouses: string[] | null;
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getDamagedSuffixSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description with ["U"], 351038U names the damaged units of 351038; [] turns the rule off
                         * @example [
                         *       "U"
                         *     ]
                         */
                        suffixes: string[];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putDamagedSuffixSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description with ["U"], 351038U names the damaged units of 351038; [] turns the rule off
                     * @example [
                     *       "U"
                     *     ]
                     */
                    suffixes: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description with ["U"], 351038U names the damaged units of 351038; [] turns the rule off
                         * @example [
                         *       "U"
                         *     ]
                         */
                        suffixes: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getReplenishmentDefaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description days from order to arrival */
                        leadTimeDays: number;
                        /** @description smallest order in units */
                        minOrder: number;
                        /** @description orders are whole packs */
                        packSize: number;
                        /** @description days between two orders of this position (0: order any day) */
                        reviewPeriodDays: number;
                        /** @description cycle service level: the chance of not running out before the next order arrives, e.g. 0.95 */
                        serviceLevel: number;
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putReplenishmentDefaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description days from order to arrival */
                    leadTimeDays: number;
                    /** @description smallest order in units */
                    minOrder: number;
                    /** @description orders are whole packs */
                    packSize: number;
                    /** @description days between two orders of this position (0: order any day) */
                    reviewPeriodDays: number;
                    /** @description cycle service level: the chance of not running out before the next order arrives, e.g. 0.95 */
                    serviceLevel: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description days from order to arrival */
                        leadTimeDays: number;
                        /** @description smallest order in units */
                        minOrder: number;
                        /** @description orders are whole packs */
                        packSize: number;
                        /** @description days between two orders of this position (0: order any day) */
                        reviewPeriodDays: number;
                        /** @description cycle service level: the chance of not running out before the next order arrives, e.g. 0.95 */
                        serviceLevel: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getRoutingPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description how orders whose lines name no warehouse are routed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allowSplit: boolean;
                        /** @description fewest_shipments (default: fewest warehouses, then fastest delivery, then priority), fastest, priority, single_warehouse */
                        strategy: "fewest_shipments" | "fastest" | "priority" | "single_warehouse";
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putRoutingPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description how orders whose lines name no warehouse are routed */
        requestBody: {
            content: {
                "application/json": {
                    allowSplit: boolean;
                    /** @description fewest_shipments (default: fewest warehouses, then fastest delivery, then priority), fastest, priority, single_warehouse */
                    strategy: "fewest_shipments" | "fastest" | "priority" | "single_warehouse";
                };
            };
        };
        responses: {
            /** @description how orders whose lines name no warehouse are routed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allowSplit: boolean;
                        /** @description fewest_shipments (default: fewest warehouses, then fastest delivery, then priority), fastest, priority, single_warehouse */
                        strategy: "fewest_shipments" | "fastest" | "priority" | "single_warehouse";
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getShopSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description ISO 4217 code of every price, cost and stock value (Stockroom converts nothing)
                         * @example GBP
                         */
                        currency: string;
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putShopSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description ISO 4217 code of every price, cost and stock value (Stockroom converts nothing)
                     * @example GBP
                     */
                    currency: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description ISO 4217 code of every price, cost and stock value (Stockroom converts nothing)
                         * @example GBP
                         */
                        currency: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listSkus: {
        parameters: {
            query?: {
                category?: string;
                cursor?: string;
                limit?: number;
                product?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attributes: {
                                [key: string]: unknown;
                            };
                            categories: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** @description the shop's currency (ISO 4217), which unitCost and price are in */
                            currency: string;
                            name: string;
                            options: {
                                [key: string]: string;
                            };
                            price: number | null;
                            /** @description the product this SKU is a variant of */
                            product: string | null;
                            sku: string;
                            /** @description absent for storefront keys: costs are not public */
                            unitCost?: number | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description one unit's volume in litres (null: not known) */
                            volumeLitres?: number | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    bulkEditSkus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: {
                        attributes?: {
                            [key: string]: unknown;
                        };
                        categories?: string[];
                        name?: string;
                        options?: {
                            [key: string]: string;
                        };
                        price?: number | null;
                        product?: string | null;
                        sku: string;
                        unitCost?: number | null;
                        volumeLitres?: number | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attributes: {
                                [key: string]: unknown;
                            };
                            categories: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** @description the shop's currency (ISO 4217), which unitCost and price are in */
                            currency: string;
                            name: string;
                            options: {
                                [key: string]: string;
                            };
                            price: number | null;
                            /** @description the product this SKU is a variant of */
                            product: string | null;
                            sku: string;
                            /** @description absent for storefront keys: costs are not public */
                            unitCost?: number | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description one unit's volume in litres (null: not known) */
                            volumeLitres?: number | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getSku: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sku: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attributes: {
                            [key: string]: unknown;
                        };
                        categories: string[];
                        /** Format: date-time */
                        createdAt: string;
                        /** @description the shop's currency (ISO 4217), which unitCost and price are in */
                        currency: string;
                        name: string;
                        options: {
                            [key: string]: string;
                        };
                        price: number | null;
                        /** @description the product this SKU is a variant of */
                        product: string | null;
                        sku: string;
                        /** @description absent for storefront keys: costs are not public */
                        unitCost?: number | null;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description one unit's volume in litres (null: not known) */
                        volumeLitres?: number | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putSku: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sku: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    attributes?: {
                        [key: string]: unknown;
                    };
                    categories?: string[];
                    name: string;
                    options?: {
                        [key: string]: string;
                    };
                    price?: number | null;
                    product?: string | null;
                    unitCost?: number | null;
                    volumeLitres?: number | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attributes: {
                            [key: string]: unknown;
                        };
                        categories: string[];
                        /** Format: date-time */
                        createdAt: string;
                        /** @description the shop's currency (ISO 4217), which unitCost and price are in */
                        currency: string;
                        name: string;
                        options: {
                            [key: string]: string;
                        };
                        price: number | null;
                        /** @description the product this SKU is a variant of */
                        product: string | null;
                        sku: string;
                        /** @description absent for storefront keys: costs are not public */
                        unitCost?: number | null;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description one unit's volume in litres (null: not known) */
                        volumeLitres?: number | null;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attributes: {
                            [key: string]: unknown;
                        };
                        categories: string[];
                        /** Format: date-time */
                        createdAt: string;
                        /** @description the shop's currency (ISO 4217), which unitCost and price are in */
                        currency: string;
                        name: string;
                        options: {
                            [key: string]: string;
                        };
                        price: number | null;
                        /** @description the product this SKU is a variant of */
                        product: string | null;
                        sku: string;
                        /** @description absent for storefront keys: costs are not public */
                        unitCost?: number | null;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description one unit's volume in litres (null: not known) */
                        volumeLitres?: number | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listStandingOrders: {
        parameters: {
            query?: {
                cursor?: string;
                customer?: string;
                limit?: number;
                sku?: string;
                /** @description active, paused, cancelled */
                status?: "active" | "paused" | "cancelled";
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            channel: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            customer: string;
                            /** @description newest first; empty in lists */
                            deliveries: {
                                attempts: number;
                                deliveryOn: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                orderId: string | null;
                                status: "reserved" | "short" | "missed";
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            id: string;
                            lines: {
                                qty: number;
                                sku: string;
                            }[];
                            nextDeliveryOn: string | null;
                            reserveDaysAhead: number;
                            schedule: {
                                endsOn: string | null;
                                everyDays: number;
                                startsOn: string;
                            };
                            /** @description active, paused, cancelled */
                            status: "active" | "paused" | "cancelled";
                            upcoming: {
                                deliveryOn: string;
                                orderId: string;
                                reserveOn: string;
                            }[];
                            /** Format: date-time */
                            updatedAt: string;
                            warehouse: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getStandingOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description letters, digits and - _ . (at most 40): it is part of its deliveries' order ids */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        customer: string;
                        /** @description newest first; empty in lists */
                        deliveries: {
                            attempts: number;
                            deliveryOn: string;
                            details: {
                                [key: string]: unknown;
                            };
                            orderId: string | null;
                            status: "reserved" | "short" | "missed";
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        id: string;
                        lines: {
                            qty: number;
                            sku: string;
                        }[];
                        nextDeliveryOn: string | null;
                        reserveDaysAhead: number;
                        schedule: {
                            endsOn: string | null;
                            everyDays: number;
                            startsOn: string;
                        };
                        /** @description active, paused, cancelled */
                        status: "active" | "paused" | "cancelled";
                        upcoming: {
                            deliveryOn: string;
                            orderId: string;
                            reserveOn: string;
                        }[];
                        /** Format: date-time */
                        updatedAt: string;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putStandingOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description letters, digits and - _ . (at most 40): it is part of its deliveries' order ids */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    channel?: string | null;
                    customer: string;
                    lines: {
                        qty: number;
                        sku: string;
                    }[];
                    /** @description days before each delivery its stock is reserved (default 3) */
                    reserveDaysAhead?: number;
                    schedule: {
                        endsOn?: string | null;
                        /** @description 7: weekly */
                        everyDays: number;
                        /**
                         * Format: date
                         * @description a UTC calendar day, YYYY-MM-DD
                         */
                        startsOn: string;
                    };
                    status?: "active" | "paused";
                    warehouse: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        customer: string;
                        /** @description newest first; empty in lists */
                        deliveries: {
                            attempts: number;
                            deliveryOn: string;
                            details: {
                                [key: string]: unknown;
                            };
                            orderId: string | null;
                            status: "reserved" | "short" | "missed";
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        id: string;
                        lines: {
                            qty: number;
                            sku: string;
                        }[];
                        nextDeliveryOn: string | null;
                        reserveDaysAhead: number;
                        schedule: {
                            endsOn: string | null;
                            everyDays: number;
                            startsOn: string;
                        };
                        /** @description active, paused, cancelled */
                        status: "active" | "paused" | "cancelled";
                        upcoming: {
                            deliveryOn: string;
                            orderId: string;
                            reserveOn: string;
                        }[];
                        /** Format: date-time */
                        updatedAt: string;
                        warehouse: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        customer: string;
                        /** @description newest first; empty in lists */
                        deliveries: {
                            attempts: number;
                            deliveryOn: string;
                            details: {
                                [key: string]: unknown;
                            };
                            orderId: string | null;
                            status: "reserved" | "short" | "missed";
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        id: string;
                        lines: {
                            qty: number;
                            sku: string;
                        }[];
                        nextDeliveryOn: string | null;
                        reserveDaysAhead: number;
                        schedule: {
                            endsOn: string | null;
                            everyDays: number;
                            startsOn: string;
                        };
                        /** @description active, paused, cancelled */
                        status: "active" | "paused" | "cancelled";
                        upcoming: {
                            deliveryOn: string;
                            orderId: string;
                            reserveOn: string;
                        }[];
                        /** Format: date-time */
                        updatedAt: string;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    cancelStandingOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description letters, digits and - _ . (at most 40): it is part of its deliveries' order ids */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        customer: string;
                        /** @description newest first; empty in lists */
                        deliveries: {
                            attempts: number;
                            deliveryOn: string;
                            details: {
                                [key: string]: unknown;
                            };
                            orderId: string | null;
                            status: "reserved" | "short" | "missed";
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        id: string;
                        lines: {
                            qty: number;
                            sku: string;
                        }[];
                        nextDeliveryOn: string | null;
                        reserveDaysAhead: number;
                        schedule: {
                            endsOn: string | null;
                            everyDays: number;
                            startsOn: string;
                        };
                        /** @description active, paused, cancelled */
                        status: "active" | "paused" | "cancelled";
                        upcoming: {
                            deliveryOn: string;
                            orderId: string;
                            reserveOn: string;
                        }[];
                        /** Format: date-time */
                        updatedAt: string;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listStock: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            damaged: number;
                            /** @description units still expected on open purchase orders; not sellable, not in S */
                            incoming?: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            sku: string;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getStock: {
        parameters: {
            query?: {
                asOf?: string;
            };
            header?: never;
            path: {
                sku: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        asOf?: string;
                        /** @description sku is a damaged code: these are the damaged units of this SKU */
                        damagedOf?: string;
                        positions: {
                            damaged: number;
                            /** @description units still expected on open purchase orders; not sellable, not in S */
                            incoming?: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                            zones?: {
                                /** @description pick | bulk | damaged | quarantine | returns | qc | default */
                                kind: string;
                                name: string;
                                sellable: boolean;
                                units: number;
                                zone: string;
                            }[];
                        }[];
                        sku: string;
                        totals: {
                            damaged: number;
                            /** @description units still expected on open purchase orders; not sellable, not in S */
                            incoming?: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            transferReserved: number;
                            virtual: number;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    countZone: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                sku: string;
                warehouse: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    counted: number;
                    reason: string;
                    zone: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        at: string;
                        counted: number;
                        expected: number;
                        position: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                            zones?: {
                                /** @description pick | bulk | damaged | quarantine | returns | qc | default */
                                kind: string;
                                name: string;
                                sellable: boolean;
                                units: number;
                                zone: string;
                            }[];
                        };
                        reason: string;
                        sku: string;
                        variance: number;
                        warehouse: string;
                        zone: string;
                        zoneCountId: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    moveBetweenZones: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                sku: string;
                warehouse: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    from: string;
                    qty: number;
                    reason: string;
                    to: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        at: string;
                        from: string;
                        position: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                            zones?: {
                                /** @description pick | bulk | damaged | quarantine | returns | qc | default */
                                kind: string;
                                name: string;
                                sellable: boolean;
                                units: number;
                                zone: string;
                            }[];
                        };
                        qty: number;
                        reason: string;
                        sku: string;
                        to: string;
                        warehouse: string;
                        zoneMoveId: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listDamagedStock: {
        parameters: {
            query?: {
                cursor?: string;
                format?: "json" | "csv";
                limit?: number;
                suffix?: string;
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON page, or text/csv with header sku,base_sku,warehouse,damaged */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            baseSku: string;
                            damaged: number;
                            /** @description the SKU code with the suffix, e.g. 351038U */
                            sku: string;
                            warehouse: string;
                        }[];
                        nextCursor: string | null;
                    };
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    importStock: {
        parameters: {
            query?: {
                /** @description create the warehouses the file names that do not exist */
                createWarehouses?: boolean;
                /** @description check and describe, write nothing */
                dryRun?: boolean;
                /** @description the receipts' reference: import:<fileName> */
                fileName?: string;
                warehouse?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description CSV with a header row: sku, name, price, unitCost, warehouse, qty (sku, name required) */
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description what was written; null on a dry run */
                        applied: {
                            receipts: number;
                            /** @description receipts an earlier import of the same stock lines already recorded: not added again */
                            replayedReceipts: number;
                            replayedUnits: number;
                            skusCreated: number;
                            skusUpdated: number;
                            units: number;
                        } | null;
                        dryRun: boolean;
                        /** @description data rows read (the header not counted) */
                        rows: number;
                        /** @description SKUs the file adds to the catalogue */
                        skusNew: number;
                        /** @description SKUs already there whose name, price or cost the file sets */
                        skusUpdated: number;
                        stock: {
                            /** @description the warehouse does not exist and the import creates it */
                            created: boolean;
                            skus: number;
                            units: number;
                            warehouse: string;
                        }[];
                        /** @description units the file receives, over every warehouse */
                        units: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listSuppliers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            code: string;
                            createdAt: string;
                            /** @description days from order to arrival */
                            leadTimeDays: number;
                            /** @description smallest order in units */
                            minOrder: number;
                            name: string;
                            /** @description orders are whole packs */
                            packSize: number;
                            /** @description days between two orders of this position (0: order any day) */
                            reviewPeriodDays: number;
                            /** @description cycle service level: the chance of not running out before the next order arrives, e.g. 0.95 */
                            serviceLevel: number;
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getSupplier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        createdAt: string;
                        /** @description days from order to arrival */
                        leadTimeDays: number;
                        /** @description smallest order in units */
                        minOrder: number;
                        name: string;
                        /** @description orders are whole packs */
                        packSize: number;
                        /** @description days between two orders of this position (0: order any day) */
                        reviewPeriodDays: number;
                        /** @description cycle service level: the chance of not running out before the next order arrives, e.g. 0.95 */
                        serviceLevel: number;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putSupplier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description days from order to arrival */
                    leadTimeDays: number;
                    /** @description smallest order in units */
                    minOrder?: number;
                    name: string;
                    /** @description orders are whole packs */
                    packSize?: number;
                    /** @description days between two orders of this position (0: order any day) */
                    reviewPeriodDays?: number;
                    /** @description cycle service level: the chance of not running out before the next order arrives, e.g. 0.95 */
                    serviceLevel?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        createdAt: string;
                        /** @description days from order to arrival */
                        leadTimeDays: number;
                        /** @description smallest order in units */
                        minOrder: number;
                        name: string;
                        /** @description orders are whole packs */
                        packSize: number;
                        /** @description days between two orders of this position (0: order any day) */
                        reviewPeriodDays: number;
                        /** @description cycle service level: the chance of not running out before the next order arrives, e.g. 0.95 */
                        serviceLevel: number;
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        createdAt: string;
                        /** @description days from order to arrival */
                        leadTimeDays: number;
                        /** @description smallest order in units */
                        minOrder: number;
                        name: string;
                        /** @description orders are whole packs */
                        packSize: number;
                        /** @description days between two orders of this position (0: order any day) */
                        reviewPeriodDays: number;
                        /** @description cycle service level: the chance of not running out before the next order arrives, e.g. 0.95 */
                        serviceLevel: number;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getSkuTotals: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sku: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description set when `sku` is a damaged code: the base SKU whose damaged units these are */
                        damagedOf?: string;
                        inTransit: number;
                        lostInTransit: number;
                        onHand: number;
                        onHandPlusInTransit: number;
                        sku: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listTransfers: {
        parameters: {
            query?: {
                cursor?: string;
                from?: string;
                limit?: number;
                status?: "planned" | "partially_shipped" | "in_transit" | "received" | "cancelled";
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            createdAt: string;
                            from: string;
                            lines: {
                                cancelled: number;
                                damaged: number;
                                inTransit: number;
                                lossReason: string | null;
                                lost: number;
                                open: number;
                                planned: number;
                                received: number;
                                shipped: number;
                                sku: string;
                            }[];
                            note: string | null;
                            status: "planned" | "partially_shipped" | "in_transit" | "received" | "cancelled";
                            to: string;
                            transferId: string;
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    planTransfer: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    from: string;
                    lines: {
                        qty: number;
                        sku: string;
                    }[];
                    note?: string;
                    to: string;
                    transferId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        events: {
                            actor: string;
                            at: string;
                            eventId: string;
                            lines: {
                                [key: string]: unknown;
                            }[];
                            type: string;
                        }[];
                        from: string;
                        lines: {
                            cancelled: number;
                            damaged: number;
                            inTransit: number;
                            lossReason: string | null;
                            lost: number;
                            open: number;
                            planned: number;
                            received: number;
                            shipped: number;
                            sku: string;
                        }[];
                        note: string | null;
                        status: "planned" | "partially_shipped" | "in_transit" | "received" | "cancelled";
                        to: string;
                        transferId: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        events: {
                            actor: string;
                            at: string;
                            eventId: string;
                            lines: {
                                [key: string]: unknown;
                            }[];
                            type: string;
                        }[];
                        from: string;
                        lines: {
                            cancelled: number;
                            damaged: number;
                            inTransit: number;
                            lossReason: string | null;
                            lost: number;
                            open: number;
                            planned: number;
                            received: number;
                            shipped: number;
                            sku: string;
                        }[];
                        note: string | null;
                        status: "planned" | "partially_shipped" | "in_transit" | "received" | "cancelled";
                        to: string;
                        transferId: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getTransfer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                transferId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        events: {
                            actor: string;
                            at: string;
                            eventId: string;
                            lines: {
                                [key: string]: unknown;
                            }[];
                            type: string;
                        }[];
                        from: string;
                        lines: {
                            cancelled: number;
                            damaged: number;
                            inTransit: number;
                            lossReason: string | null;
                            lost: number;
                            open: number;
                            planned: number;
                            received: number;
                            shipped: number;
                            sku: string;
                        }[];
                        note: string | null;
                        status: "planned" | "partially_shipped" | "in_transit" | "received" | "cancelled";
                        to: string;
                        transferId: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    cancelTransfer: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                transferId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        events: {
                            actor: string;
                            at: string;
                            eventId: string;
                            lines: {
                                [key: string]: unknown;
                            }[];
                            type: string;
                        }[];
                        from: string;
                        lines: {
                            cancelled: number;
                            damaged: number;
                            inTransit: number;
                            lossReason: string | null;
                            lost: number;
                            open: number;
                            planned: number;
                            received: number;
                            shipped: number;
                            sku: string;
                        }[];
                        note: string | null;
                        status: "planned" | "partially_shipped" | "in_transit" | "received" | "cancelled";
                        to: string;
                        transferId: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    receiveTransfer: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                transferId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    lines: {
                        damaged?: number;
                        lossReason?: string;
                        lost?: number;
                        received: number;
                        sku: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        events: {
                            actor: string;
                            at: string;
                            eventId: string;
                            lines: {
                                [key: string]: unknown;
                            }[];
                            type: string;
                        }[];
                        from: string;
                        lines: {
                            cancelled: number;
                            damaged: number;
                            inTransit: number;
                            lossReason: string | null;
                            lost: number;
                            open: number;
                            planned: number;
                            received: number;
                            shipped: number;
                            sku: string;
                        }[];
                        note: string | null;
                        status: "planned" | "partially_shipped" | "in_transit" | "received" | "cancelled";
                        to: string;
                        transferId: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    shipTransfer: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                transferId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    lines?: {
                        qty: number;
                        sku: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        events: {
                            actor: string;
                            at: string;
                            eventId: string;
                            lines: {
                                [key: string]: unknown;
                            }[];
                            type: string;
                        }[];
                        from: string;
                        lines: {
                            cancelled: number;
                            damaged: number;
                            inTransit: number;
                            lossReason: string | null;
                            lost: number;
                            open: number;
                            planned: number;
                            received: number;
                            shipped: number;
                            sku: string;
                        }[];
                        note: string | null;
                        status: "planned" | "partially_shipped" | "in_transit" | "received" | "cancelled";
                        to: string;
                        transferId: string;
                        updatedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putVirtualStock: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                sku: string;
                warehouse: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    leadTimeDays?: number;
                    supplier?: string;
                    virtual: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        leadTimeDays: number;
                        position: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                        };
                        sku: string;
                        supplier: string | null;
                        virtual: number;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listWarehouses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            ageingAlertDays: number | null;
                            capacityAlertPercent: number | null;
                            capacityLitres: number | null;
                            capacityUnits: number | null;
                            code: string;
                            lat: number | null;
                            lon: number | null;
                            name: string;
                            priority: number;
                            region: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getWarehouse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ageingAlertDays: number | null;
                        capacityAlertPercent: number | null;
                        capacityLitres: number | null;
                        capacityUnits: number | null;
                        code: string;
                        lat: number | null;
                        lon: number | null;
                        name: string;
                        priority: number;
                        region: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putWarehouse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ageingAlertDays?: number | null;
                    capacityAlertPercent?: number | null;
                    capacityLitres?: number | null;
                    capacityUnits?: number | null;
                    lat?: number | null;
                    lon?: number | null;
                    name: string;
                    priority?: number;
                    region: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ageingAlertDays: number | null;
                        capacityAlertPercent: number | null;
                        capacityLitres: number | null;
                        capacityUnits: number | null;
                        code: string;
                        lat: number | null;
                        lon: number | null;
                        name: string;
                        priority: number;
                        region: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ageingAlertDays: number | null;
                        capacityAlertPercent: number | null;
                        capacityLitres: number | null;
                        capacityUnits: number | null;
                        code: string;
                        lat: number | null;
                        lon: number | null;
                        name: string;
                        priority: number;
                        region: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getWarehouseRegions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        regions: {
                            deliveryDays: number;
                            region: string;
                        }[];
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putWarehouseRegions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    regions: {
                        deliveryDays: number;
                        region: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        regions: {
                            deliveryDays: number;
                            region: string;
                        }[];
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listZones: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            code: string;
                            /** @description pick | bulk | damaged | quarantine | returns | qc */
                            kind: string;
                            name: string;
                            sellable: boolean;
                            warehouse: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putZone: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                zone: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    kind: "pick" | "bulk" | "damaged" | "quarantine" | "returns" | "qc";
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        /** @description pick | bulk | damaged | quarantine | returns | qc */
                        kind: string;
                        name: string;
                        sellable: boolean;
                        warehouse: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        /** @description pick | bulk | damaged | quarantine | returns | qc */
                        kind: string;
                        name: string;
                        sellable: boolean;
                        warehouse: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteZone: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                zone: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            batchSize: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description events up to this seq have been queued for delivery */
                            cursorSeq: number;
                            deadLetters: number;
                            description: string | null;
                            eventTypes: string[];
                            /** @description `log` (default): every event in log order; `stream`: in order within each stream, streams in parallel */
                            ordering: "log" | "stream";
                            /** @description deliveries not yet delivered nor dead-lettered */
                            pending: number;
                            url: string;
                            webhookId: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description events per request; over 1, each request is {"events": [...]} (docs/events.md) */
                    batchSize?: number;
                    description?: string;
                    /** @description event types to deliver, or ["*"] (the default) for all */
                    eventTypes?: string[];
                    /** @description `log` (default): every event in log order; `stream`: in order within each stream, streams in parallel */
                    ordering?: "log" | "stream";
                    /** @description signing secret; generated if omitted */
                    secret?: string;
                    /** @description an http:// or https:// URL */
                    url: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batchSize: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description events up to this seq have been queued for delivery */
                        cursorSeq: number;
                        deadLetters: number;
                        description: string | null;
                        eventTypes: string[];
                        /** @description `log` (default): every event in log order; `stream`: in order within each stream, streams in parallel */
                        ordering: "log" | "stream";
                        /** @description deliveries not yet delivered nor dead-lettered */
                        pending: number;
                        /** @description shown only here: store it to verify Stockroom-Signature */
                        secret: string;
                        url: string;
                        webhookId: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batchSize: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description events up to this seq have been queued for delivery */
                        cursorSeq: number;
                        deadLetters: number;
                        description: string | null;
                        eventTypes: string[];
                        /** @description `log` (default): every event in log order; `stream`: in order within each stream, streams in parallel */
                        ordering: "log" | "stream";
                        /** @description deliveries not yet delivered nor dead-lettered */
                        pending: number;
                        url: string;
                        webhookId: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batchSize: number;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description events up to this seq have been queued for delivery */
                        cursorSeq: number;
                        deadLetters: number;
                        description: string | null;
                        eventTypes: string[];
                        /** @description `log` (default): every event in log order; `stream`: in order within each stream, streams in parallel */
                        ordering: "log" | "stream";
                        /** @description deliveries not yet delivered nor dead-lettered */
                        pending: number;
                        url: string;
                        webhookId: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listWebhookDeadLetters: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attemptLog: {
                                at: string;
                                attempt: number;
                                durationMs: number;
                                error: string | null;
                                statusCode: number | null;
                            }[];
                            attempts: number;
                            createdAt: string;
                            deadAt: string | null;
                            deliveredAt: string | null;
                            deliveryId: string;
                            eventId: string;
                            eventSeq: number;
                            eventType: string;
                            lastError: string | null;
                            lastStatusCode: number | null;
                            nextAttemptAt: string | null;
                            status: "pending" | "delivered" | "dead";
                            webhookId: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    replayWebhookDeadLetter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attemptLog: {
                                at: string;
                                attempt: number;
                                durationMs: number;
                                error: string | null;
                                statusCode: number | null;
                            }[];
                            attempts: number;
                            createdAt: string;
                            deadAt: string | null;
                            deliveredAt: string | null;
                            deliveryId: string;
                            eventId: string;
                            eventSeq: number;
                            eventType: string;
                            lastError: string | null;
                            lastStatusCode: number | null;
                            nextAttemptAt: string | null;
                            status: "pending" | "delivered" | "dead";
                            webhookId: string;
                        }[];
                        replayed: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    replayWebhookDeadLetters: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attemptLog: {
                                at: string;
                                attempt: number;
                                durationMs: number;
                                error: string | null;
                                statusCode: number | null;
                            }[];
                            attempts: number;
                            createdAt: string;
                            deadAt: string | null;
                            deliveredAt: string | null;
                            deliveryId: string;
                            eventId: string;
                            eventSeq: number;
                            eventType: string;
                            lastError: string | null;
                            lastStatusCode: number | null;
                            nextAttemptAt: string | null;
                            status: "pending" | "delivered" | "dead";
                            webhookId: string;
                        }[];
                        replayed: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                status?: "pending" | "delivered" | "dead";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attemptLog: {
                                at: string;
                                attempt: number;
                                durationMs: number;
                                error: string | null;
                                statusCode: number | null;
                            }[];
                            attempts: number;
                            createdAt: string;
                            deadAt: string | null;
                            deliveredAt: string | null;
                            deliveryId: string;
                            eventId: string;
                            eventSeq: number;
                            eventType: string;
                            lastError: string | null;
                            lastStatusCode: number | null;
                            nextAttemptAt: string | null;
                            status: "pending" | "delivered" | "dead";
                            webhookId: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    writeOffStock: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    qty: number;
                    reason: string;
                    sku: string;
                    warehouse: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    /** @description true when this is the stored answer to an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        at: string;
                        position: {
                            damaged: number;
                            locked: number;
                            onHand: number;
                            qcPending: number;
                            reserved: number;
                            sellable: number;
                            transferReserved: number;
                            virtual: number;
                            warehouse: string;
                        };
                        qty: number;
                        reason: string;
                        sku: string;
                        warehouse: string;
                        writeOffId: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    onAlertOpenedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertOpenedEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onAlertResolvedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertResolvedEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onEventBatch: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                "Stockroom-Event-Count": number;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    events: components["schemas"]["Event"][];
                };
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onOrderConfirmedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderConfirmedEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onOrderReleasedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderReleasedEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onOrderReservedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderReservedEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onOrderShippedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderShippedEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPurchaseOrderCancelledEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PurchaseOrderCancelledEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPurchaseOrderClosedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PurchaseOrderClosedEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPurchaseOrderCreatedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PurchaseOrderCreatedEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPurchaseOrderReceivedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PurchaseOrderReceivedEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onSkuBackInStockEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SkuBackInStockEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onSkuOutOfStockEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SkuOutOfStockEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onStockChangedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StockChangedEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onTransferCancelledEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferCancelledEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onTransferPlannedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferPlannedEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onTransferReceivedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferReceivedEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onTransferShippedEvent: {
        parameters: {
            query?: never;
            header: {
                /** @description 1, 2, ...: counts on across replays */
                "Stockroom-Delivery-Attempt"?: number;
                /** @description the delivery (comma-separated in a batch) */
                "Stockroom-Delivery-Id"?: string;
                /** @description the event's id (comma-separated in a batch) */
                "Stockroom-Event-Id"?: string;
                /** @description the event's type */
                "Stockroom-Event-Type"?: string;
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>` */
                "Stockroom-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferShippedEvent"];
            };
        };
        responses: {
            /** @description delivered: answer quickly and do the work afterwards */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description any other answer (or none within the timeout) is a failed attempt, retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
