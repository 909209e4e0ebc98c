/**
 * The dashboard's one message catalogue: English and Simplified Chinese. Typed: the Chinese
 * catalogue must have every key of the English one, and a message with values takes the same
 * values in both (the compiler refuses a missing or misnamed one). No React here.
 *
 * Numbers, money and dates are not in the catalogue: lib/format.ts writes them with Intl in the
 * locale `formatLocaleFor` picks for the chosen language.
 */

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

/** How each language names itself in the switch (always in its own script). */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };

const STORAGE_KEY = 'stockroom.lang';

/** The saved choice, else the browser's first language we have (Chinese for any zh), else English. */
export function pickLang(stored: string | null, browser: readonly string[]): Lang {
  if (stored && (LANGS as readonly string[]).includes(stored)) return stored as Lang;
  for (const l of browser) {
    const lower = l.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function loadLang(): Lang {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage blocked (private mode, a test without it): the browser's language decides.
  }
  const browser = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return pickLang(stored, browser);
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted; the choice holds for this page.
  }
}

/**
 * The Intl locale for numbers and dates: Chinese is written as in mainland China; English keeps
 * the browser's own English (en-GB writes 26 Nov, en-US Nov 26), or plain `en`.
 */
export function formatLocaleFor(lang: Lang, browser: readonly string[]): string {
  if (lang === 'zh-CN') return 'zh-CN';
  return browser.find((l) => l.toLowerCase().startsWith('en')) ?? 'en';
}

export interface AlertWords {
  at: string;
  n: (v: number) => string;
  /** A day count as the reader thinks of it: days, months or years. */
  cover: (days: number) => string;
  date: (iso: string) => string;
}

const en = {
  common: {
    loading: (what: string) => `Loading ${what}…`,
    review: 'Review',
    confirm: 'Confirm',
    cancel: 'Cancel',
    back: 'Back',
    working: 'Working…',
    done: 'Done:',
    refused: 'Refused',
    cannotReach: 'Cannot reach the server',
    tryAgain: 'Try again',
    close: 'Close',
    notFound: 'No such page.',
    backToOverview: 'Back to the overview',
  },
  shell: {
    skip: 'Skip to content',
    menu: 'Menu',
    mainNav: 'Main',
    live: 'Live',
    notLive: 'Not live',
    connecting: 'Connecting…',
    roleKey: (role: string) => `${role} key`,
    signOut: 'Sign out',
    language: 'Language',
    theme: 'Theme',
    themeSystem: 'Theme: system',
    themeLight: 'Theme: light',
    themeDark: 'Theme: dark',
    shortcuts: 'Keyboard shortcuts',
  },
  nav: {
    overview: 'Overview',
    skus: 'SKUs',
    products: 'Products',
    orders: 'Orders',
    transfers: 'Transfers',
    alerts: 'Alerts',
    counts: 'Counts',
    purchasing: 'Purchasing',
    reports: 'Reports',
    settings: 'Settings',
  },
  signin: {
    intro: 'Sign in with an API key. The admin key is printed by the server the first time it starts.',
    apiKey: 'API key',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    unknownKey: 'This API key is unknown or revoked. Check it and try again.',
    keptInTab: 'The key is kept in this tab only (session storage) and sent to this server alone.',
  },
  shortcuts: {
    title: 'Keyboard shortcuts',
    search: 'Search SKUs',
    goTo: (screen: string) => `Go to ${screen}`,
    list: 'Show this list',
    then: 'then',
  },
  overview: {
    title: 'Overview',
    sellable: 'Sellable units',
    onHand: (n: string) => `${n} on hand`,
    oversold: (n: string) => `, ${n} oversold`,
    stockValue: 'Stock value',
    stockValueHint: 'on hand × unit cost',
    outOfStock: 'SKUs out of stock',
    ofSkus: (n: string) => `of ${n} SKUs`,
    oversoldSomewhere: (n: string) => `; ${n} oversold somewhere`,
    openAlerts: 'Open alerts',
    acknowledged: (n: string) => `${n} acknowledged`,
    reservedToday: 'Orders reserved today',
    shippedToday: 'Orders shipped today',
    units: (n: string) => `${n} units`,
    inTransit: 'Units in transit',
    openTransfers: (n: string) => `${n} open transfers`,
    what: 'the overview',
  },
  alerts: {
    title: 'Alerts',
    status: 'Status',
    any: 'Any',
    open: 'Open',
    acknowledged: 'Acknowledged',
    resolved: 'Resolved',
    kind: 'Kind',
    anyKind: 'Any kind',
    warehouse: 'Warehouse',
    allWarehouses: 'All warehouses',
    emptyTitle: 'Nothing needs attention.',
    emptyBody: 'No alert matches these filters.',
    colKind: 'Kind',
    colSubject: 'Subject',
    colDetails: 'What it means',
    colOpened: 'Opened',
    colStatus: 'Status',
    at: (where: string) => ` at ${where}`,
    by: (who: string) => `by ${who}`,
    statusName: { open: 'open', acknowledged: 'acknowledged', resolved: 'resolved' } as Record<
      string,
      string
    >,
    acknowledge: 'Acknowledge',
    acknowledgeTitle: 'Acknowledge alert',
    totals: (n: string, skus: string, open: string) => `${n} alerts on ${skus} SKUs, ${open} open`,
    bulkAck: (n: string) => `Acknowledge ${n} selected`,
    bulkAckTitle: 'Acknowledge the selected alerts',
    bulkSummary: (n: string, note: string) =>
      `Acknowledge ${n} open alerts${note ? ` with the note “${note}”` : ''}. Each stays active until its condition ends.`,
    bulkFailed: (n: string, first: string) => `${n} could not be acknowledged: ${first}`,
    note: 'Note (optional)',
    what: 'alerts',
    kinds: {
      low_stock: 'low stock',
      out_of_stock: 'out of stock',
      oversold: 'oversold',
      dead_stock: 'dead stock',
      overstock: 'overstock',
      transfer_overdue: 'transfer overdue',
      lock_expiring: 'lock expiring',
      purchase_order_late: 'purchase order late',
      warehouse_near_capacity: 'warehouse near capacity',
      stock_ageing: 'stock ageing',
    } as Record<string, string>,
    cover: (days: number, n: (v: number) => string) =>
      days < 60
        ? `${n(days)} days`
        : days < 730
          ? `${n(Math.round(days / 30))} months`
          : `${n(Math.round(days / 365))} years`,
    sentence: {
      out_of_stock: (w: AlertWords, d: { sellable: number }) =>
        `Out of stock at ${w.at}: nothing left to sell (${w.n(d.sellable)} sellable).`,
      low_stock: (w: AlertWords, d: { sellable: number; threshold: number; basis: string }) =>
        `Running low at ${w.at}: ${w.n(d.sellable)} units left to sell, at or below the ${d.basis === 'reorder_point' ? 'reorder point' : 'low-stock threshold'} of ${w.n(d.threshold)}.`,
      oversold: (w: AlertWords, d: { sellable: number }) =>
        `Oversold at ${w.at}: orders took ${w.n(Math.abs(Math.min(0, d.sellable)))} units more than there is stock; restock or cancel.`,
      dead_stock: (
        w: AlertWords,
        d: { onHand: number; lastSaleAt: string | null; daysWithoutSale: number; thresholdDays: number },
      ) =>
        `Not selling at ${w.at}: ${w.n(d.onHand)} units on hand and ${d.lastSaleAt ? `no sale for ${w.n(d.daysWithoutSale)} days (last on ${w.date(d.lastSaleAt)})` : `never sold in ${w.n(d.daysWithoutSale)} days`}.`,
      overstock: (w: AlertWords, d: { onHand: number; coverDays: number; thresholdDays: number }) =>
        `Overstock at ${w.at}: ${w.n(d.onHand)} units, about ${w.cover(d.coverDays)} of cover at today's demand (more than ${w.n(d.thresholdDays)} days is too much).`,
      transfer_overdue: (
        w: AlertWords,
        d: {
          transferId: string;
          from: string;
          to: string;
          inTransit: number;
          daysInTransit: number;
          thresholdDays: number;
        },
      ) =>
        `Transfer ${d.transferId} from ${d.from} to ${d.to} is overdue: ${w.n(d.inTransit)} units on the road for ${w.n(d.daysInTransit)} days (expected within ${w.n(d.thresholdDays)}).`,
      lock_expiring: (w: AlertWords, d: { locked: number; until: string; hoursLeft: number }) =>
        `A lock on ${w.n(d.locked)} units at ${w.at} ends ${w.date(d.until)}, in about ${w.n(d.hoursLeft)} hours: the units become sellable then.`,
      purchase_order_late: (
        w: AlertWords,
        d: { poId: string; supplier: string; daysLate: number; openUnits: number; shortPositions: unknown[] },
      ) =>
        `Purchase order ${d.poId} from ${d.supplier} is ${w.n(d.daysLate)} days late: ${w.n(d.openUnits)} units still expected${d.shortPositions.length > 0 ? `, ${w.n(d.shortPositions.length)} SKUs cannot cover them meanwhile` : ''}.`,
      warehouse_near_capacity: (
        w: AlertWords,
        d: { onHand: number; capacityUnits: number; usedPercent: number; thresholdPercent: number },
      ) =>
        `${w.at} is ${w.n(d.usedPercent)}% full: ${w.n(d.onHand)} of ${w.n(d.capacityUnits)} units (alert from ${w.n(d.thresholdPercent)}%).`,
      stock_ageing: (w: AlertWords, d: { agedUnits: number; oldestDays: number; thresholdDays: number }) =>
        `Ageing stock at ${w.at}: ${w.n(d.agedUnits)} units have waited more than ${w.n(d.thresholdDays)} days (the oldest ${w.n(d.oldestDays)} days).`,
    },
  },
  counts: {
    title: 'Cycle counts',
    open: 'Open a count',
    openTitle: 'Open a cycle count',
    sample: (n: string, w: string) => `Count ${n} SKUs drawn at random at ${w}.`,
    list: (skus: string, w: string) => `Count ${skus} at ${w}.`,
    all: (w: string) => `Count every SKU held at ${w}.`,
    warehouse: 'Warehouse',
    choose: 'Choose…',
    whatToCount: 'What to count',
    kindSample: 'A random sample',
    kindList: 'These SKUs',
    kindAll: 'Every SKU held there',
    howMany: 'How many SKUs',
    skus: 'SKUs',
    skusHint: 'separated by spaces or commas',
    what: 'counts',
    emptyTitle: 'No cycle count yet.',
    emptyBody: "Open one to count a sample of a warehouse's shelves.",
    colCount: 'Count',
    colWarehouse: 'Warehouse',
    colStatus: 'Status',
    colCounted: 'Counted',
    colNet: 'Net variance',
    colAccuracy: 'Accuracy',
    colOpened: 'Opened',
    nOfM: (n: string, m: string) => `${n} of ${m}`,
    crumbs: 'Counts',
    theCount: 'the count',
    countAt: (w: string) => `Count at ${w}`,
    counted: (n: string, m: string) => `${n} of ${m} counted`,
    blindHint:
      'Count what is on the shelf and type it in. Expected quantities are hidden until the count is closed.',
    countedUnitsOf: (sku: string) => `Counted units of ${sku}`,
    countedAlready: (n: string) => `counted ${n}`,
    units: 'units',
    saving: 'Saving…',
    save: (n: number) => `Save ${n} ${n === 1 ? 'line' : 'lines'}`,
    closeReview: 'Close and review',
    cancelCount: 'Cancel count',
    colSku: 'SKU',
    colExpected: 'Expected',
    colVariance: 'Variance',
    colReason: 'Reason',
    matched: 'Matched',
    postVariances: 'Post variances',
  },
  scan: {
    label: 'Scan or type a code, then Enter',
    camera: 'Camera',
    cameraView: 'Camera view for scanning',
    noCamera: (why: string) => `The camera is not available: ${why}`,
    counted: (sku: string, n: string) => `${sku}: ${n} counted`,
    received: (sku: string, n: string) => `${sku}: ${n} received now`,
    unknown: (code: string) => `${code} is not on this list.`,
  },
  lists: {
    exportCsv: 'Export CSV',
    preparing: 'Preparing…',
    savedViews: 'Saved views',
    applyView: 'Apply a saved view',
    chooseView: 'Saved views…',
    noViews: 'No saved views',
    viewName: 'Name of the view to save',
    viewPlaceholder: 'View name',
    saveView: 'Save view',
    deleteView: 'Delete view',
    selectAll: 'Select every row shown',
    select: (what: string) => `Select ${what}`,
    selected: (n: string) => `${n} selected`,
    clear: 'Clear selection',
  },
  orders: {
    title: 'Orders',
    orderId: 'Order id',
    find: 'Find',
    recent: 'Recent orders',
    status: 'Status',
    any: 'any',
    statusName: {
      reserved: 'reserved',
      confirmed: 'confirmed',
      partially_shipped: 'partially shipped',
      shipped: 'shipped',
      released: 'released',
    } as Record<string, string>,
    noneYet: 'No orders yet.',
    noneWith: (status: string) => `No ${status} orders.`,
    noneBody: 'Orders placed through the API (storefronts, marketplaces) appear here as they arrive.',
    what: 'orders',
    col: {
      order: 'Order',
      status: 'Status',
      region: 'Region',
      channel: 'Channel',
      units: 'Units',
      shipped: 'Shipped',
      released: 'Released',
      placed: 'Placed',
    },
    totals: (n: string, units: string, shipped: string) =>
      `${n} orders on this page: ${units} units, ${shipped} shipped`,
    confirmSelected: (n: string) => `Confirm ${n}`,
    shipSelected: (n: string) => `Ship ${n}`,
    cancelSelected: (n: string) => `Cancel ${n}`,
    bulkTitle: 'Act on the selected orders',
    confirmSummary: (ids: string) => `Confirm payment of ${ids}: their reservations no longer expire.`,
    shipSummary: (ids: string) => `Ship every open unit of ${ids}.`,
    cancelSummary: (ids: string) => `Cancel ${ids}: release their units not shipped yet.`,
  },
  purchasing: {
    title: 'Purchasing',
    whatToOrder: 'What to order',
    downloadCsv: 'Download CSV',
    preparing: 'Preparing…',
    orderSuggestions: 'Create purchase order from suggestions',
    orderSuggestionsTitle: 'Order the suggestions',
    supplier: 'Supplier',
    warehouse: 'Warehouse',
    allWarehouses: 'All warehouses',
    allSuppliers: 'All suppliers',
    reference: 'Reference (optional)',
    onlyNeeded: 'Only positions that need an order',
    what: 'suggestions',
    nothingNeeded: 'Nothing needs ordering.',
    noPositions: 'No positions match.',
    col: {
      sku: 'SKU',
      warehouse: 'Warehouse',
      supplier: 'Supplier',
      position: 'Position',
      incoming: 'Incoming',
      reorderPoint: 'Reorder point',
      upTo: 'Up to',
      suggested: 'Suggested',
      value: 'Value',
      reorderBy: 'Reorder by',
      cover: 'Cover',
      state: 'State',
    },
    orderSelected: (n: string) => `Order ${n} selected`,
    orderSelectedTitle: 'Order the selected suggestions',
    orderPlan: (orders: string) => `Create ${orders}, each line at its suggested quantity.`,
    onePo: (supplier: string, warehouse: string, lines: string, units: string) =>
      `a purchase order to ${supplier} for ${warehouse} (${lines} lines, ${units} units)`,
    skipped: (n: string) => ` ${n} selected rows have no supplier or nothing to order and are left out.`,
    nothing: 'None of the selected rows has a supplier and a quantity to order.',
  },
  transfers: {
    title: 'Transfers',
    plan: 'Plan a transfer',
    columns: { Planned: 'Planned', 'In transit': 'In transit', Received: 'Received' } as Record<
      string,
      string
    >,
    none: 'None.',
    what: 'transfers',
    line: (planned: string, shipped: string) => `${planned} planned, ${shipped} shipped`,
    received: (n: string) => `, ${n} received`,
    damaged: (n: string) => `, ${n} damaged`,
    lost: (n: string) => `, ${n} lost`,
  },
  sku: {
    crumbs: 'SKUs',
    stockByWarehouse: 'Stock by warehouse',
    noStock: 'No stock anywhere yet.',
    noStockBody: 'Receive goods into a warehouse to create a position.',
    warehouse: 'Warehouse',
    sellable: 'S sellable',
    incoming: 'incoming',
    incomingTitle: 'open purchase orders: expected, not sellable, not in S',
    workedOut: 'Worked out',
    caption:
      'S = I − O − U − L − T + V, worked out (U = damaged + inspection); incoming: on open purchase orders, not sellable and not in S until received',
    receive: 'Receive',
    adjust: 'Adjust',
    markDamaged: 'Mark damaged',
    repair: 'Repair',
    writeOff: 'Write off',
    inspect: 'Inspect',
    lock: 'Lock',
    setVirtual: 'Set virtual stock',
    moveZones: 'Move between zones',
    locks: 'Locks',
    movementHistory: 'Movement history',
    availability: 'Availability by region',
    waiters: 'Back-in-stock waiters',
  },
  skus: {
    title: 'SKUs',
    newSku: 'New SKU',
    search: 'Search',
    searchPlaceholder: 'SKU or name',
    searchLabel: 'Search SKUs by code or name',
    warehouse: 'Warehouse',
    allWarehouses: 'All warehouses',
    state: 'State',
    anyState: 'Any state',
    states: { out: 'Out of stock', low: 'Low stock', overstock: 'Overstock' },
    category: 'Category',
    anyCategory: 'Any category',
    channel: 'Channel',
    anyChannel: 'Any channel',
    what: 'SKUs',
    emptyTitle: 'No SKU matches.',
    emptyBody: 'Clear the search or the filters to see the whole catalogue.',
    colSku: 'SKU',
    colName: 'Name',
    colSellable: 'Sellable',
    colOnHand: 'On hand',
    colReserved: 'Reserved',
    colUnsellable: 'Damaged + insp.',
    colValue: 'Value',
    colAlerts: 'Alerts',
    oversold: (n: string) => `(${n} oversold)`,
    oversoldTitle: 'units sold beyond stock at oversold warehouses',
    pages: 'Pages',
    pageOf: (total: string, page: string, pages: string) => `${total} SKUs · page ${page} of ${pages}`,
    first: 'First',
    previous: 'Previous',
    next: 'Next',
    rows: 'Rows',
    totals: (n: string, sellable: string, onHand: string, value: string) =>
      `${n} SKUs match; on this page ${sellable} sellable, ${onHand} on hand, worth ${value}`,
    orderSelected: (n: string) => `Order ${n} selected`,
    orderTitle: 'A purchase order for the selected SKUs',
    supplier: 'Supplier',
    qtyOf: (sku: string) => `Units of ${sku} to order`,
    orderSummary: (lines: string, supplier: string, warehouse: string) =>
      `Order ${lines} from ${supplier} for ${warehouse}.`,
    qtyHint: 'Leave a SKU empty to leave it out.',
  },
};

export type Messages = typeof en;

const zhCN: Messages = {
  common: {
    loading: (what: string) => `正在加载${what}…`,
    review: '检查',
    confirm: '确认',
    cancel: '取消',
    back: '返回',
    working: '处理中…',
    done: '已完成：',
    refused: '被拒绝',
    cannotReach: '无法连接服务器',
    tryAgain: '重试',
    close: '关闭',
    notFound: '没有这个页面。',
    backToOverview: '返回概览',
  },
  shell: {
    skip: '跳到正文',
    menu: '菜单',
    mainNav: '主菜单',
    live: '实时',
    notLive: '未连接',
    connecting: '连接中…',
    roleKey: (role: string) => `${role} 密钥`,
    signOut: '退出',
    language: '语言',
    theme: '主题',
    themeSystem: '主题：跟随系统',
    themeLight: '主题：浅色',
    themeDark: '主题：深色',
    shortcuts: '键盘快捷键',
  },
  nav: {
    overview: '概览',
    skus: 'SKU',
    products: '商品',
    orders: '订单',
    transfers: '调拨',
    alerts: '预警',
    counts: '盘点',
    purchasing: '采购',
    reports: '报表',
    settings: '设置',
  },
  signin: {
    intro: '使用 API 密钥登录。服务器首次启动时会打印管理员密钥。',
    apiKey: 'API 密钥',
    signIn: '登录',
    signingIn: '正在登录…',
    unknownKey: '该 API 密钥不存在或已被吊销，请检查后重试。',
    keptInTab: '密钥只保存在此标签页（会话存储）中，且只发送给本服务器。',
  },
  shortcuts: {
    title: '键盘快捷键',
    search: '搜索 SKU',
    goTo: (screen: string) => `前往「${screen}」`,
    list: '显示此列表',
    then: '然后',
  },
  overview: {
    title: '概览',
    sellable: '可售数量',
    onHand: (n: string) => `在库 ${n}`,
    oversold: (n: string) => `，超卖 ${n}`,
    stockValue: '库存金额',
    stockValueHint: '在库数量 × 单位成本',
    outOfStock: '缺货 SKU',
    ofSkus: (n: string) => `共 ${n} 个 SKU`,
    oversoldSomewhere: (n: string) => `；${n} 个有超卖`,
    openAlerts: '未处理预警',
    acknowledged: (n: string) => `${n} 个已确认`,
    reservedToday: '今日预留订单',
    shippedToday: '今日发货订单',
    units: (n: string) => `${n} 件`,
    inTransit: '在途数量',
    openTransfers: (n: string) => `${n} 个进行中的调拨`,
    what: '概览',
  },
  alerts: {
    title: '预警',
    status: '状态',
    any: '全部',
    open: '未处理',
    acknowledged: '已确认',
    resolved: '已解决',
    kind: '类型',
    anyKind: '全部类型',
    warehouse: '仓库',
    allWarehouses: '全部仓库',
    emptyTitle: '没有需要处理的事项。',
    emptyBody: '没有符合筛选条件的预警。',
    colKind: '类型',
    colSubject: '对象',
    colDetails: '说明',
    colOpened: '发生时间',
    colStatus: '状态',
    at: (where: string) => `（${where}）`,
    by: (who: string) => `确认人 ${who}`,
    statusName: { open: '未处理', acknowledged: '已确认', resolved: '已解决' },
    acknowledge: '确认',
    acknowledgeTitle: '确认预警',
    totals: (n: string, skus: string, open: string) =>
      `共 ${n} 条预警，涉及 ${skus} 个 SKU，${open} 条未处理`,
    bulkAck: (n: string) => `确认所选 ${n} 条`,
    bulkAckTitle: '确认所选预警',
    bulkSummary: (n: string, note: string) =>
      `确认 ${n} 条未处理的预警${note ? `，备注“${note}”` : ''}。条件消除前预警保持有效。`,
    bulkFailed: (n: string, first: string) => `${n} 条未能确认：${first}`,
    note: '备注（可选）',
    what: '预警',
    kinds: {
      low_stock: '库存偏低',
      out_of_stock: '缺货',
      oversold: '超卖',
      dead_stock: '滞销',
      overstock: '积压',
      transfer_overdue: '调拨逾期',
      lock_expiring: '锁定即将到期',
      purchase_order_late: '采购单延误',
      warehouse_near_capacity: '仓库接近满仓',
      stock_ageing: '库龄过长',
    },
    cover: (days: number, n: (v: number) => string) =>
      days < 60
        ? `${n(days)} 天`
        : days < 730
          ? `${n(Math.round(days / 30))} 个月`
          : `${n(Math.round(days / 365))} 年`,
    sentence: {
      out_of_stock: (w, d) => `${w.at} 缺货：已无可售库存（可售 ${w.n(d.sellable)}）。`,
      low_stock: (w, d) =>
        `${w.at} 库存偏低：可售仅剩 ${w.n(d.sellable)} 件，已达到或低于${d.basis === 'reorder_point' ? '再订货点' : '低库存阈值'} ${w.n(d.threshold)}。`,
      oversold: (w, d) =>
        `${w.at} 超卖：订单比库存多出 ${w.n(Math.abs(Math.min(0, d.sellable)))} 件，请补货或取消订单。`,
      dead_stock: (w, d) =>
        `${w.at} 滞销：在库 ${w.n(d.onHand)} 件，${d.lastSaleAt ? `已 ${w.n(d.daysWithoutSale)} 天没有销售（最后一次在 ${w.date(d.lastSaleAt)}）` : `${w.n(d.daysWithoutSale)} 天内从未售出`}。`,
      overstock: (w, d) =>
        `${w.at} 积压：${w.n(d.onHand)} 件，按目前的需求约可销售 ${w.cover(d.coverDays)}（超过 ${w.n(d.thresholdDays)} 天即为过多）。`,
      transfer_overdue: (w, d) =>
        `调拨单 ${d.transferId}（${d.from} → ${d.to}）已逾期：${w.n(d.inTransit)} 件已在途 ${w.n(d.daysInTransit)} 天（应在 ${w.n(d.thresholdDays)} 天内到达）。`,
      lock_expiring: (w, d) =>
        `${w.at} 锁定的 ${w.n(d.locked)} 件将于 ${w.date(d.until)} 解锁（约 ${w.n(d.hoursLeft)} 小时后），届时变为可售。`,
      purchase_order_late: (w, d) =>
        `采购单 ${d.poId}（供应商 ${d.supplier}）已延误 ${w.n(d.daysLate)} 天：仍有 ${w.n(d.openUnits)} 件未到${d.shortPositions.length > 0 ? `，其间 ${w.n(d.shortPositions.length)} 个 SKU 库存不足` : ''}。`,
      warehouse_near_capacity: (w, d) =>
        `${w.at} 已用 ${w.n(d.usedPercent)}%：${w.n(d.onHand)} / ${w.n(d.capacityUnits)} 件（超过 ${w.n(d.thresholdPercent)}% 即预警）。`,
      stock_ageing: (w, d) =>
        `${w.at} 库龄过长：${w.n(d.agedUnits)} 件已存放超过 ${w.n(d.thresholdDays)} 天（最久 ${w.n(d.oldestDays)} 天）。`,
    },
  },
  counts: {
    title: '循环盘点',
    open: '新建盘点',
    openTitle: '新建循环盘点',
    sample: (n: string, w: string) => `在 ${w} 随机抽取 ${n} 个 SKU 盘点。`,
    list: (skus: string, w: string) => `在 ${w} 盘点 ${skus}。`,
    all: (w: string) => `盘点 ${w} 的全部 SKU。`,
    warehouse: '仓库',
    choose: '请选择…',
    whatToCount: '盘点范围',
    kindSample: '随机抽样',
    kindList: '指定 SKU',
    kindAll: '该仓库的全部 SKU',
    howMany: 'SKU 数量',
    skus: 'SKU',
    skusHint: '用空格或逗号分隔',
    what: '盘点',
    emptyTitle: '还没有循环盘点。',
    emptyBody: '新建一个盘点，抽查仓库货架。',
    colCount: '盘点单',
    colWarehouse: '仓库',
    colStatus: '状态',
    colCounted: '已盘',
    colNet: '净差异',
    colAccuracy: '准确率',
    colOpened: '创建时间',
    nOfM: (n: string, m: string) => `${n} / ${m}`,
    crumbs: '盘点',
    theCount: '盘点单',
    countAt: (w: string) => `${w} 盘点`,
    counted: (n: string, m: string) => `已盘 ${n} / ${m}`,
    blindHint: '清点货架上的实物并输入数量。盘点关闭前不显示账面数量。',
    countedUnitsOf: (sku: string) => `${sku} 的盘点数量`,
    countedAlready: (n: string) => `已盘 ${n}`,
    units: '数量',
    saving: '正在保存…',
    save: (n: number) => `保存 ${n} 行`,
    closeReview: '关闭并查看差异',
    cancelCount: '取消盘点',
    colSku: 'SKU',
    colExpected: '账面',
    colVariance: '差异',
    colReason: '原因',
    matched: '一致',
    postVariances: '过账差异',
  },
  scan: {
    label: '扫描或输入条码，然后按回车',
    camera: '相机',
    cameraView: '扫描用相机画面',
    noCamera: (why: string) => `无法使用相机：${why}`,
    counted: (sku: string, n: string) => `${sku}：已盘 ${n}`,
    received: (sku: string, n: string) => `${sku}：本次收货 ${n}`,
    unknown: (code: string) => `${code} 不在此清单中。`,
  },
  lists: {
    exportCsv: '导出 CSV',
    preparing: '正在准备…',
    savedViews: '已保存的视图',
    applyView: '应用已保存的视图',
    chooseView: '已保存的视图…',
    noViews: '没有已保存的视图',
    viewName: '要保存的视图名称',
    viewPlaceholder: '视图名称',
    saveView: '保存视图',
    deleteView: '删除视图',
    selectAll: '选择显示的全部行',
    select: (what: string) => `选择 ${what}`,
    selected: (n: string) => `已选 ${n} 项`,
    clear: '取消选择',
  },
  orders: {
    title: '订单',
    orderId: '订单号',
    find: '查找',
    recent: '最近订单',
    status: '状态',
    any: '全部',
    statusName: {
      reserved: '已预留',
      confirmed: '已确认',
      partially_shipped: '部分发货',
      shipped: '已发货',
      released: '已释放',
    },
    noneYet: '还没有订单。',
    noneWith: (status: string) => `没有「${status}」的订单。`,
    noneBody: '通过 API（店铺、平台）下的订单到达后会显示在这里。',
    what: '订单',
    col: {
      order: '订单',
      status: '状态',
      region: '地区',
      channel: '渠道',
      units: '数量',
      shipped: '已发',
      released: '已释放',
      placed: '下单时间',
    },
    totals: (n: string, units: string, shipped: string) =>
      `本页 ${n} 个订单：共 ${units} 件，已发 ${shipped} 件`,
    confirmSelected: (n: string) => `确认 ${n} 个`,
    shipSelected: (n: string) => `发货 ${n} 个`,
    cancelSelected: (n: string) => `取消 ${n} 个`,
    bulkTitle: '处理所选订单',
    confirmSummary: (ids: string) => `确认 ${ids} 已付款：其预留不再过期。`,
    shipSummary: (ids: string) => `发出 ${ids} 的全部未发数量。`,
    cancelSummary: (ids: string) => `取消 ${ids}：释放尚未发货的数量。`,
  },
  purchasing: {
    title: '采购',
    whatToOrder: '需要订购',
    downloadCsv: '下载 CSV',
    preparing: '正在准备…',
    orderSuggestions: '按建议创建采购单',
    orderSuggestionsTitle: '按建议下单',
    supplier: '供应商',
    warehouse: '仓库',
    allWarehouses: '全部仓库',
    allSuppliers: '全部供应商',
    reference: '参考号（可选）',
    onlyNeeded: '只显示需要订购的库位',
    what: '建议',
    nothingNeeded: '没有需要订购的。',
    noPositions: '没有匹配的库位。',
    col: {
      sku: 'SKU',
      warehouse: '仓库',
      supplier: '供应商',
      position: '库存状况',
      incoming: '在途采购',
      reorderPoint: '再订货点',
      upTo: '补货上限',
      suggested: '建议数量',
      value: '金额',
      reorderBy: '最迟订货',
      cover: '可售天数',
      state: '状态',
    },
    orderSelected: (n: string) => `为所选 ${n} 项下单`,
    orderSelectedTitle: '为所选建议下单',
    orderPlan: (orders: string) => `创建${orders}，每行按建议数量。`,
    onePo: (supplier: string, warehouse: string, lines: string, units: string) =>
      `一张给 ${supplier}、送往 ${warehouse} 的采购单（${lines} 行，${units} 件）`,
    skipped: (n: string) => `所选中有 ${n} 行没有供应商或无需订购，已略过。`,
    nothing: '所选行都没有供应商或需订购的数量。',
  },
  transfers: {
    title: '调拨',
    plan: '计划调拨',
    columns: { Planned: '已计划', 'In transit': '在途', Received: '已收货' },
    none: '无。',
    what: '调拨',
    line: (planned: string, shipped: string) => `计划 ${planned}，已发 ${shipped}`,
    received: (n: string) => `，已收 ${n}`,
    damaged: (n: string) => `，损坏 ${n}`,
    lost: (n: string) => `，丢失 ${n}`,
  },
  sku: {
    crumbs: 'SKU',
    stockByWarehouse: '各仓库存',
    noStock: '还没有任何库存。',
    noStockBody: '向仓库收货后即会建立库位。',
    warehouse: '仓库',
    sellable: 'S 可售',
    incoming: '在途采购',
    incomingTitle: '未完成的采购单：预计到货，不可售，不计入 S',
    workedOut: '计算过程',
    caption:
      'S = I − O − U − L − T + V 的计算（U = 损坏 + 待检）；在途采购：未完成采购单上的数量，收货前不可售、不计入 S',
    receive: '收货',
    adjust: '调整',
    markDamaged: '标记损坏',
    repair: '修复',
    writeOff: '报废',
    inspect: '检验',
    lock: '锁定',
    setVirtual: '设置虚拟库存',
    moveZones: '库区移动',
    locks: '锁定',
    movementHistory: '库存流水',
    availability: '各地区可售',
    waiters: '到货提醒订阅',
  },
  skus: {
    title: 'SKU',
    newSku: '新建 SKU',
    search: '搜索',
    searchPlaceholder: 'SKU 编码或名称',
    searchLabel: '按编码或名称搜索 SKU',
    warehouse: '仓库',
    allWarehouses: '全部仓库',
    state: '状态',
    anyState: '全部状态',
    states: { out: '缺货', low: '库存偏低', overstock: '积压' },
    category: '分类',
    anyCategory: '全部分类',
    channel: '渠道',
    anyChannel: '全部渠道',
    what: 'SKU',
    emptyTitle: '没有匹配的 SKU。',
    emptyBody: '清除搜索或筛选条件即可查看全部商品。',
    colSku: 'SKU',
    colName: '名称',
    colSellable: '可售',
    colOnHand: '在库',
    colReserved: '已预留',
    colUnsellable: '损坏 + 待检',
    colValue: '金额',
    colAlerts: '预警',
    oversold: (n: string) => `（超卖 ${n}）`,
    oversoldTitle: '在超卖仓库中超出库存售出的数量',
    pages: '分页',
    pageOf: (total: string, page: string, pages: string) => `共 ${total} 个 SKU · 第 ${page} / ${pages} 页`,
    first: '首页',
    previous: '上一页',
    next: '下一页',
    rows: '每页行数',
    totals: (n: string, sellable: string, onHand: string, value: string) =>
      `共 ${n} 个 SKU 符合；本页可售 ${sellable}、在库 ${onHand}，金额 ${value}`,
    orderSelected: (n: string) => `为所选 ${n} 个下单`,
    orderTitle: '为所选 SKU 创建采购单',
    supplier: '供应商',
    qtyOf: (sku: string) => `${sku} 的订购数量`,
    orderSummary: (lines: string, supplier: string, warehouse: string) =>
      `向 ${supplier} 订购 ${lines}，送往 ${warehouse}。`,
    qtyHint: '留空的 SKU 不订购。',
  },
};

export const CATALOGUE: Record<Lang, Messages> = { en, 'zh-CN': zhCN };
