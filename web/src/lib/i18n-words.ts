/**
 * The sentences lib/ builds from data (the live feed, the charts' series, the forecast's and a
 * replenishment suggestion's words, delivery days, event dates, typed `SKU=qty` lines) and the
 * purchasing screen's notes, in English and Simplified Chinese. lib/i18n.ts merges it into the
 * one catalogue `useI18n().t` reads; the lib functions take their section (English when none is
 * given, as tests and old callers do). Numbers come in already written by lib/format.ts in the
 * language's locale; a count that decides an English plural comes in as a number too.
 */

/** The figures of a suggestion's inventory position, each written by lib/format.ts. */
export interface PositionFigures {
  position: string;
  onHand: string;
  unsellable: string;
  reserved: string;
  transferReserved: string;
  inbound: string;
  incoming: string;
}

const days = (count: number, n: string) => `${n} ${count === 1 ? 'day' : 'days'}`;

const wordsEn = {
  live: {
    stockChanged: (sku: string, warehouse: string, sellable: string) =>
      `${sku} at ${warehouse}: sellable ${sellable}`,
    order: (id: string, status: 'reserved' | 'confirmed' | 'released' | 'shipped') => `order ${id} ${status}`,
    alert: (kind: string, opened: boolean, subject: string) =>
      `${kind} ${opened ? 'opened' : 'resolved'}: ${subject}`,
    outOfStock: (sku: string, region: string) => `${sku} out of stock${region ? ` in ${region}` : ''}`,
    backInStock: (sku: string, region: string) => `${sku} back in stock${region ? ` in ${region}` : ''}`,
    purchaseOrder: (id: string, status: 'created' | 'received' | 'closed' | 'cancelled', warehouse: string) =>
      `purchase order ${id} ${status}${warehouse ? ` (${warehouse})` : ''}`,
    transfer: (id: string, status: 'planned' | 'shipped' | 'received' | 'cancelled') =>
      `transfer ${id} ${status}`,
    runBackInStock: (n: string, latest: string) =>
      `${n} back in stock (SKUs and regions), the latest ${latest}`,
    runOutOfStock: (n: string, latest: string) =>
      `${n} out of stock (SKUs and regions), the latest ${latest}`,
    runStockChanged: (n: string, latest: string) => `${n} stock changes, the latest ${latest}`,
  },
  charts: {
    seriesLabel: (bucket: 'hour' | 'day') => `Sellable units and orders per ${bucket}`,
    ordersPlaced: 'orders placed',
    ordersShipped: 'orders shipped',
    sellableUnits: 'sellable units',
    forecastLabel: (n: string) => `Demand of the last ${n} days and the forecast`,
    band: (percent: string) => `forecast interval (${percent})`,
    unitsOrdered: 'units ordered',
    forecast: 'forecast',
    outOfStock: 'out of stock',
    ordered: (n: string, partial: boolean) => `${n} ordered${partial ? ' so far' : ''}`,
    forecastTip: (f: string, lower: string, upper: string) => `forecast ${f} (${lower} to ${upper})`,
    stockLabel: 'Units by state per warehouse',
    segment: {
      sellable: 'sellable',
      reserved: 'reserved',
      damaged: 'damaged',
      inspection: 'inspection',
      locked: 'locked',
      transfer: 'transfer',
      virtual: 'virtual',
    },
    /** The terms of S = I − O − U − L − T + V. */
    term: {
      I: 'on hand',
      O: 'reserved',
      U: 'damaged + inspection',
      L: 'locked',
      T: 'transfer',
      V: 'virtual',
    },
    total: 'Total',
  },
  forecastWords: {
    classes: {
      smooth: 'steady: sells most days, in similar amounts',
      erratic: 'erratic: sells most days, in very uneven amounts',
      intermittent: 'intermittent: sells on some days only, in similar amounts',
      lumpy: 'lumpy: sells on some days only, in very uneven amounts',
      none: 'no sales history to learn from',
    },
    noModel: 'no model (no history): the forecast is 0',
    average: (n: string, list: string) => `average of ${n} models (${list})`,
    notTested: 'Not tested: the test weeks had no sales.',
    reliable: 'reliable',
    fair: 'fair',
    rough: 'rough: lean on the safety stock',
    wape: (origins: number, n: string, percent: string, grade: string) =>
      `Tried on the last ${origins === 1 ? 'stretch' : `${n} stretches`} of history, it was off by ` +
      `${percent} of the units sold (WAPE): ${grade}.`,
    summary: (total: string, days: string, perDay: string, level: string) =>
      `About ${total} units expected over the next ${days} days (${perDay} a day); the shaded band is where a day’s demand should fall ${level} of the time.`,
    typical: (quiet: number, all: boolean, quietDays: string, days: string, median: string) =>
      all
        ? `On each of the next ${days} days selling nothing is likelier than selling anything; the forecast is an average over days with and without orders.`
        : quiet > 0
          ? `Selling nothing is the likeliest outcome on ${quietDays} of the next ${days} days; on the others, half the days should sell about ${median} units or fewer.`
          : `Half the days should sell about ${median} units or fewer (the median day).`,
  },
  reorder: {
    pendingOwed: 'forecast pending: covers what is owed only',
    pending: 'forecast pending',
    owed: 'owed to customers',
    orderNow: 'order now',
    orderSoon: 'order soon',
    noDemand: 'no demand',
    enough: 'enough',
    today: 'today',
    tomorrow: 'tomorrow',
    by: (day: string, inDays: number, n: string) => `${day} (in ${days(inDays, n)})`,
    noCover: 'none',
    overAYear: 'over a year',
    cover: (count: number, n: string) => days(count, n),
  },
  explain: {
    position: (f: PositionFigures) =>
      `Inventory position ${f.position} = on hand ${f.onHand} − unsellable ${f.unsellable} − reserved ${f.reserved} − transfer-reserved ${f.transferReserved} + inbound transfers ${f.inbound} + incoming ${f.incoming}.`,
    noForecast:
      'No forecast yet (the server computes it in the background): the suggestion covers only what is owed to customers.',
    demand: (perDay: string, window: string, lead: string, leadDemand: string) =>
      `Demand: ${perDay} a day on average over the next ${window} days (lead time + review period); over the lead time of ${lead} days ${leadDemand}.`,
    noSafety:
      'No safety stock: the forecast expects under half a unit in the next four weeks, so nothing is held for it.',
    safety: (safety: string, serviceLevel: string, lead: string, review: string, errorSd: string) =>
      `Safety stock ${safety} covers ${serviceLevel}% of the forecast's misses over ${lead} + ${review} days (lead time + review period), judged from its past errors (a day's error typically ${errorSd}).`,
    reorderCapped: (reorderPoint: string, interval: string, upTo: string) =>
      `Reorder point ${reorderPoint} = the demand over ${interval} days: lead-time demand + safety stock would be more, but a position that covers the whole interval is never due; order-up-to ${upTo} = demand over ${interval} days + safety stock.`,
    reorder: (reorderPoint: string, upTo: string, interval: string) =>
      `Reorder point ${reorderPoint} = lead-time demand + safety stock; order-up-to ${upTo} = demand over ${interval} days (lead time + review period) + safety stock.`,
    cover: (cover: string, position: string, perDay: string) =>
      `Cover ${cover} days = inventory position ${position} ÷ ${perDay} a day.`,
    packs: (n: string) => `rounded up to packs of ${n}`,
    atLeast: (n: string) => `at least ${n}`,
    suggested: (qty: string, upTo: string, position: string, rounding: string[]) =>
      `Suggested ${qty} = order-up-to ${upTo} − inventory position ${position}${rounding.length ? `, ${rounding.join(', ')}` : ''}.`,
    nothing: 'Nothing to order: the inventory position is above the reorder point.',
  },
  suggestionsPage: {
    everyAbove: 'Every position matching the filters is above its reorder point.',
    appear: 'Positions appear once a SKU has stock or a policy at a warehouse.',
    formulaNote:
      'Position = on hand − unsellable − reserved − transfer-reserved + inbound transfers + incoming. An order is suggested when it is at or below the reorder point (lead-time demand + safety stock), for enough to reach the order-up-to level (demand over lead time + review period + safety stock), in whole packs. Open a SKU for its numbers worked out.',
    totals: (needed: string, positions: string, units: string, value: string, withoutCost: string | null) =>
      `${needed} of ${positions} positions to order now: ${units} units worth ${value} at unit cost${withoutCost ? ` (${withoutCost} without a unit cost, not counted)` : ''}.`,
    orderSummary: (supplier: string, warehouse: string, reference: string) =>
      `Create one purchase order to ${supplier} for every position at ${warehouse} it supplies that needs an order, each at its suggested quantity${reference ? ` (reference ${reference})` : ''}.`,
    referenceHint: 'your own order number, e.g. ACME-2041',
    orderNote:
      'Positions whose forecast is still pending are ordered only for what is owed to customers. When nothing needs ordering the server says so (nothing_to_order) and creates no order.',
    warehouseLabel: 'Suggestions warehouse',
    supplierLabel: 'Suggestions supplier',
    pending: (n: string) =>
      `${n} of these rows have no forecast yet: they cover only what is owed to customers until the server computes their forecast in the background.`,
    computing: 'Computing forecasts…',
    computeNow: 'Compute them now',
    computed: (n: string, more: boolean) => `${n} computed${more ? ', more to go' : ''}.`,
  },
  deliveryDays: {
    notDays: (region: string) => `${region}: delivery days are a whole number from 0 to 365`,
    inDays: (region: string, count: number, n: string) => `${region} in ${days(count, n)}`,
    list: (parts: string[]) => parts.join(', '),
  },
  eventDates: {
    notADate: (word: string) => `${word} is not a date (YYYY-MM-DD)`,
    none: 'give at least one date',
    tooMany: (n: string) => `at most ${n} dates`,
    describe: (count: number, n: string, past: string, future: string) =>
      `${n} ${count === 1 ? 'date' : 'dates'}: ${past} past (the uplift is learned from them), ${future} to come`,
  },
  qtyLines: {
    notALine: (part: string) => `"${part}" is not SKU=quantity`,
  },
  transferForms: {
    notWhole: (sku: string, typed: string) => `${sku}: "${typed}" is not a whole number`,
    overPlanned: (sku: string, qty: string, open: string) =>
      `${sku}: ${qty} to ship but only ${open} planned`,
    nothingToShip: 'Nothing to ship: give at least one unit.',
    notQuantities: (sku: string) => `${sku}: quantities are whole numbers (0 or more)`,
    overInTransit: (sku: string, total: string, inTransit: string) =>
      `${sku}: ${total} accounted for but only ${inTransit} in transit`,
    whyLost: (sku: string, lost: number, n: string) =>
      `${sku}: say why ${n} ${lost === 1 ? 'unit is' : 'units are'} lost`,
    nothingToReceive: 'Nothing to receive: account for at least one unit.',
  },
  alertAck: {
    summary: (kind: string, subject: string, note: string) =>
      `Acknowledge ${kind} on ${subject}${note ? ` with the note “${note}”` : ''}. It stays active until its condition ends.`,
    placeholder: 'reorder placed',
  },
  listExport: {
    tooMany: (n: string) => `more than ${n} pages: narrow the filters before exporting`,
  },
  countState: { open: 'open' },
  network: { hint: 'The server cannot be reached. Check that Stockroom is running.' },
};

export type WordsMessages = typeof wordsEn;

const wordsZh: WordsMessages = {
  live: {
    stockChanged: (sku: string, warehouse: string, sellable: string) =>
      `${sku} 在 ${warehouse}：可售 ${sellable}`,
    order: (id: string, status: 'reserved' | 'confirmed' | 'released' | 'shipped') =>
      `订单 ${id} ${{ reserved: '已预留', confirmed: '已确认', released: '已释放', shipped: '已发货' }[status]}`,
    alert: (kind: string, opened: boolean, subject: string) =>
      `${kind}预警${opened ? '已触发' : '已解除'}：${subject}`,
    outOfStock: (sku: string, region: string) => `${sku}${region ? ` 在 ${region}` : ''} 缺货`,
    backInStock: (sku: string, region: string) => `${sku}${region ? ` 在 ${region}` : ''} 恢复有货`,
    purchaseOrder: (id: string, status: 'created' | 'received' | 'closed' | 'cancelled', warehouse: string) =>
      `采购单 ${id} ${{ created: '已创建', received: '已收货', closed: '已关闭', cancelled: '已取消' }[status]}${warehouse ? `（${warehouse}）` : ''}`,
    transfer: (id: string, status: 'planned' | 'shipped' | 'received' | 'cancelled') =>
      `调拨单 ${id} ${{ planned: '已计划', shipped: '已发货', received: '已收货', cancelled: '已取消' }[status]}`,
    runBackInStock: (n: string, latest: string) => `${n} 条恢复有货（按 SKU 和地区），最新一条：${latest}`,
    runOutOfStock: (n: string, latest: string) => `${n} 条缺货（按 SKU 和地区），最新一条：${latest}`,
    runStockChanged: (n: string, latest: string) => `${n} 次库存变动，最新一次：${latest}`,
  },
  charts: {
    seriesLabel: (bucket: 'hour' | 'day') => `每${bucket === 'hour' ? '小时' : '天'}的可售数量与订单`,
    ordersPlaced: '下单数',
    ordersShipped: '发货订单数',
    sellableUnits: '可售数量',
    forecastLabel: (n: string) => `最近 ${n} 天的需求与预测`,
    band: (percent: string) => `预测区间（${percent}）`,
    unitsOrdered: '下单件数',
    forecast: '预测',
    outOfStock: '缺货',
    ordered: (n: string, partial: boolean) => `下单 ${n} 件${partial ? '（截至目前）' : ''}`,
    forecastTip: (f: string, lower: string, upper: string) => `预测 ${f}（${lower} 至 ${upper}）`,
    stockLabel: '各仓库按状态的数量',
    segment: {
      sellable: '可售',
      reserved: '已预留',
      damaged: '损坏',
      inspection: '待检',
      locked: '锁定',
      transfer: '调拨预留',
      virtual: '虚拟库存',
    },
    term: {
      I: '在库',
      O: '已预留',
      U: '损坏 + 待检',
      L: '锁定',
      T: '调拨预留',
      V: '虚拟库存',
    },
    total: '合计',
  },
  forecastWords: {
    classes: {
      smooth: '平稳：大多数日子都有销售，每天数量相近',
      erratic: '波动：大多数日子都有销售，每天数量差异很大',
      intermittent: '间歇：只在部分日子有销售，数量相近',
      lumpy: '起伏：只在部分日子有销售，数量差异很大',
      none: '没有可供学习的销售历史',
    },
    noModel: '无模型（没有历史）：预测为 0',
    average: (n: string, list: string) => `${n} 个模型的平均（${list}）`,
    notTested: '未检验：检验期内没有销售。',
    reliable: '可靠',
    fair: '尚可',
    rough: '粗略，请更多依靠安全库存',
    wape: (origins: number, n: string, percent: string, grade: string) =>
      `在最近${origins === 1 ? '一段' : ` ${n} 段`}历史上回测，误差为实际销量的 ${percent}（WAPE）：${grade}。`,
    summary: (total: string, days: string, perDay: string, level: string) =>
      `未来 ${days} 天预计约 ${total} 件（每天 ${perDay} 件）；阴影带是单日需求在 ${level} 的情况下应落入的范围。`,
    typical: (quiet: number, all: boolean, quietDays: string, days: string, median: string) =>
      all
        ? `未来 ${days} 天中的每一天，没有销售都比有销售更可能；预测是有订单和无订单日子的平均值。`
        : quiet > 0
          ? `未来 ${days} 天中有 ${quietDays} 天最可能没有销售；其余日子里，一半的日子销量应不超过约 ${median} 件。`
          : `一半的日子销量应不超过约 ${median} 件（中位数）。`,
  },
  reorder: {
    pendingOwed: '预测待算：只覆盖欠客户的数量',
    pending: '预测待算',
    owed: '欠客户',
    orderNow: '立即订购',
    orderSoon: '即将订购',
    noDemand: '无需求',
    enough: '充足',
    today: '今天',
    tomorrow: '明天',
    by: (day: string, _inDays: number, n: string) => `${day}（${n} 天后）`,
    noCover: '无',
    overAYear: '超过一年',
    cover: (_count: number, n: string) => `${n} 天`,
  },
  explain: {
    position: (f: PositionFigures) =>
      `库存位置 ${f.position} = 在库 ${f.onHand} − 不可售 ${f.unsellable} − 已预留 ${f.reserved} − 调拨预留 ${f.transferReserved} + 调入在途 ${f.inbound} + 在途采购 ${f.incoming}。`,
    noForecast: '尚无预测（服务器在后台计算）：建议数量只覆盖欠客户的部分。',
    demand: (perDay: string, window: string, lead: string, leadDemand: string) =>
      `需求：未来 ${window} 天（交货周期 + 检查周期）平均每天 ${perDay} 件；交货周期 ${lead} 天内共 ${leadDemand} 件。`,
    noSafety: '无安全库存：预测未来四周的需求不足半件，因此不为其备货。',
    safety: (safety: string, serviceLevel: string, lead: string, review: string, errorSd: string) =>
      `安全库存 ${safety} 件，可覆盖 ${lead} + ${review} 天（交货周期 + 检查周期）内 ${serviceLevel}% 的预测偏差，按预测以往的误差估算（单日误差通常为 ${errorSd}）。`,
    reorderCapped: (reorderPoint: string, interval: string, upTo: string) =>
      `再订货点 ${reorderPoint} = ${interval} 天的需求：交货周期需求 + 安全库存会更高，但能覆盖整个区间的库存位置永远不会触发订货；补货上限 ${upTo} = ${interval} 天的需求 + 安全库存。`,
    reorder: (reorderPoint: string, upTo: string, interval: string) =>
      `再订货点 ${reorderPoint} = 交货周期需求 + 安全库存；补货上限 ${upTo} = ${interval} 天（交货周期 + 检查周期）的需求 + 安全库存。`,
    cover: (cover: string, position: string, perDay: string) =>
      `可售天数 ${cover} 天 = 库存位置 ${position} ÷ 每天 ${perDay} 件。`,
    packs: (n: string) => `按每箱 ${n} 件向上取整`,
    atLeast: (n: string) => `至少 ${n} 件`,
    suggested: (qty: string, upTo: string, position: string, rounding: string[]) =>
      `建议订购 ${qty} = 补货上限 ${upTo} − 库存位置 ${position}${rounding.length ? `，${rounding.join('，')}` : ''}。`,
    nothing: '无需订购：库存位置高于再订货点。',
  },
  suggestionsPage: {
    everyAbove: '符合筛选条件的库存位置都高于其再订货点。',
    appear: '当 SKU 在某仓库有库存或补货策略时，会出现库存位置。',
    formulaNote:
      '库存位置 = 在库 − 不可售 − 已预留 − 调拨预留 + 调入在途 + 在途采购。当库存位置达到或低于再订货点（交货周期需求 + 安全库存）时建议订购，数量补足到补货上限（交货周期 + 检查周期内的需求 + 安全库存），按整箱计。打开 SKU 可查看其数字的计算过程。',
    totals: (needed: string, positions: string, units: string, value: string, withoutCost: string | null) =>
      `${positions} 个库存位置中有 ${needed} 个需要立即订购：共 ${units} 件，按单位成本计 ${value}${withoutCost ? `（${withoutCost} 个没有单位成本，未计入）` : ''}。`,
    orderSummary: (supplier: string, warehouse: string, reference: string) =>
      `创建一张给 ${supplier} 的采购单，包含 ${warehouse} 中由其供货且需要订购的全部库存位置，各按建议数量${reference ? `（参考号 ${reference}）` : ''}。`,
    referenceHint: '您自己的订单号，例如 ACME-2041',
    orderNote:
      '预测仍待计算的库存位置只按欠客户的数量订购。没有需要订购的时，服务器会如实告知（nothing_to_order），不创建采购单。',
    warehouseLabel: '建议的仓库',
    supplierLabel: '建议的供应商',
    pending: (n: string) => `其中 ${n} 行还没有预测：在服务器于后台算出预测之前，它们只覆盖欠客户的数量。`,
    computing: '正在计算预测…',
    computeNow: '立即计算',
    computed: (n: string, more: boolean) => `已计算 ${n} 个${more ? '，还有更多' : ''}。`,
  },
  deliveryDays: {
    notDays: (region: string) => `${region}：送达天数须为 0 到 365 的整数`,
    inDays: (region: string, _count: number, n: string) => `${region} ${n} 天送达`,
    list: (parts: string[]) => parts.join('，'),
  },
  eventDates: {
    notADate: (word: string) => `${word} 不是日期（YYYY-MM-DD）`,
    none: '请至少填写一个日期',
    tooMany: (n: string) => `最多 ${n} 个日期`,
    describe: (_count: number, n: string, past: string, future: string) =>
      `${n} 个日期：${past} 个已过去（从中学习销量提升），${future} 个尚未到来`,
  },
  qtyLines: {
    notALine: (part: string) => `“${part}”不是 SKU=数量 的格式`,
  },
  transferForms: {
    notWhole: (sku: string, typed: string) => `${sku}：“${typed}”不是整数`,
    overPlanned: (sku: string, qty: string, open: string) =>
      `${sku}：要发货 ${qty} 件，但只计划了 ${open} 件`,
    nothingToShip: '没有要发货的：请至少填写一件。',
    notQuantities: (sku: string) => `${sku}：数量须为整数（0 或以上）`,
    overInTransit: (sku: string, total: string, inTransit: string) =>
      `${sku}：共登记 ${total} 件，但在途只有 ${inTransit} 件`,
    whyLost: (sku: string, _lost: number, n: string) => `${sku}：请说明丢失 ${n} 件的原因`,
    nothingToReceive: '没有要收货的：请至少登记一件。',
  },
  alertAck: {
    summary: (kind: string, subject: string, note: string) =>
      `确认 ${subject} 的${kind}预警${note ? `，备注“${note}”` : ''}。在其条件消除之前，预警仍保持有效。`,
    placeholder: '已下补货单',
  },
  listExport: {
    tooMany: (n: string) => `超过 ${n} 页：请先缩小筛选范围再导出`,
  },
  countState: { open: '进行中' },
  network: { hint: '无法连接到服务器。请检查 Stockroom 是否在运行。' },
};

export const WORDS = { en: wordsEn, 'zh-CN': wordsZh } as const;
