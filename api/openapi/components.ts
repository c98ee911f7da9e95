// Every named schema of the document (components/schemas), by name: the answers (zod's output side) and the request
// bodies (input side). Operations refer to them by these names.
import { z } from 'zod'

import {
  arbitrageExecuteBody,
  arbitrageMonitorBody,
  arbitrageMonitorUpdate,
  failoverOrderBody,
  placeOrderBody,
  smartOrderBody,
} from '../schemas.js'
import { tradingStateBody } from '../routes/risk.js'
import { setLeverageBody } from '../schemas-account.js'
import { amendOrderBody } from '../schemas-orders.js'
import { riskLimitsPatchSchema } from '../../domain/risk/config.js'
import {
  arbitrageResult,
  arbitrageRun,
  arbitrageScan,
  monitorRun,
  monitorStarted,
  monitorStopped,
  monitorStopping,
  monitorUpdated,
  monitorView,
} from './schemas/arbitrage.js'
import { accountInfo, fundingRecords, leverageSet, positions, venueFills } from './schemas/account.js'
import { attemptSummary, runClosed, runStarted, unifiedOrder, unresolvedOrder } from './schemas/common.js'
import { errorEnvelope } from './schemas/errors.js'
import { health } from './schemas/health.js'
import { execution, executionDetail, executionPage, reconciliationReports } from './schemas/history.js'
import { balances, exchangeHealth, exchangeList, klines, orderBook, ticker, trades } from './schemas/market-data.js'
import {
  failoverResult,
  failoverRun,
  orderDone,
  orderResult,
  orderRun,
  routingDecision,
  smartOrderResult,
  smartOrderRun,
} from './schemas/orders.js'
import {
  amendment,
  cancelOrdersResult,
  ledgerFill,
  ledgerFills,
  ledgerOrder,
  ledgerOrders,
  orderCommandPending,
  orderFill,
  orderFills,
} from './schemas/order-lifecycle.js'
import { riskLimits, riskLimitsAnswer, riskView, tradingStateChanged, tradingStateView } from './schemas/risk.js'

export const RESPONSE_SCHEMAS = {
  ErrorEnvelope: errorEnvelope,
  Health: health,
  UnifiedOrder: unifiedOrder,
  AttemptSummary: attemptSummary,
  UnresolvedOrder: unresolvedOrder,
  RunStarted: runStarted,
  RunClosed: runClosed,
  OrderResult: orderResult,
  OrderRun: orderRun,
  OrderFill: orderFill,
  Amendment: amendment,
  OrderCommandPending: orderCommandPending,
  OrderDone: orderDone,
  LedgerOrder: ledgerOrder,
  LedgerOrders: ledgerOrders,
  LedgerFill: ledgerFill,
  LedgerFills: ledgerFills,
  OrderFills: orderFills,
  CancelOrdersResult: cancelOrdersResult,
  FailoverResult: failoverResult,
  FailoverRun: failoverRun,
  RoutingDecision: routingDecision,
  SmartOrderResult: smartOrderResult,
  SmartOrderRun: smartOrderRun,
  ArbitrageScan: arbitrageScan,
  ArbitrageResult: arbitrageResult,
  ArbitrageRun: arbitrageRun,
  MonitorStarted: monitorStarted,
  MonitorView: monitorView,
  MonitorRun: monitorRun,
  MonitorUpdated: monitorUpdated,
  MonitorStopped: monitorStopped,
  MonitorStopping: monitorStopping,
  Execution: execution,
  ExecutionPage: executionPage,
  ExecutionDetail: executionDetail,
  ReconciliationReports: reconciliationReports,
  TradingStateView: tradingStateView,
  TradingStateChanged: tradingStateChanged,
  RiskLimits: riskLimits,
  RiskLimitsAnswer: riskLimitsAnswer,
  RiskView: riskView,
  ExchangeList: exchangeList,
  ExchangeHealth: exchangeHealth,
  Balances: balances,
  Ticker: ticker,
  OrderBook: orderBook,
  Trades: trades,
  Klines: klines,
  Positions: positions,
  LeverageSet: leverageSet,
  AccountInfo: accountInfo,
  FundingRecords: fundingRecords,
  VenueFills: venueFills,
}

export const REQUEST_SCHEMAS = {
  PlaceOrderRequest: placeOrderBody,
  AmendOrderRequest: amendOrderBody,
  FailoverOrderRequest: failoverOrderBody,
  SmartOrderRequest: smartOrderBody,
  ArbitrageExecuteRequest: arbitrageExecuteBody,
  ArbitrageMonitorRequest: arbitrageMonitorBody,
  ArbitrageMonitorUpdateRequest: arbitrageMonitorUpdate,
  TradingStateRequest: tradingStateBody,
  RiskLimitsRequest: riskLimitsPatchSchema,
  ReconciliationRequest: z.strictObject({}).meta({ description: 'No parameters: an empty body or {}' }),
  SetLeverageRequest: setLeverageBody,
}

export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS
export type RequestSchemaName = keyof typeof REQUEST_SCHEMAS
