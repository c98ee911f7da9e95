// The books the arbitrage tests trade on, pinned on the simulator.
import type { TestSimulator } from './simulator.js'

/** Buy on binance at 63000 (+0.10 % fee), sell on kraken at 64000 (−0.24 % fee): about 1.2 % net, `depth` BTC deep. */
export async function setSpread(sim: TestSimulator, depth: string): Promise<void> {
  await sim.control.setBook('binance', 'BTC/USDT', { bids: [['62900', '50']], asks: [['63000', depth]] })
  await sim.control.setBook('kraken', 'BTC/USDT', { bids: [['64000', depth]], asks: [['64100', '50']] })
}
