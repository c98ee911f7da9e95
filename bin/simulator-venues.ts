// Demo mode across processes: an api or worker role whose exchanges have no API keys trades against a simulator
// that runs elsewhere (`npm run sim`). SIMULATOR_URL names its control API; GET /venues gives each venue's URL and
// the demo API key it accepts.
import type { ExchangeId } from '../domain/types.js'
import { ExchangeSettingsError, type ExchangeSettings } from '../exchanges/registry.js'

/** The exchanges that need the simulator: demo mode (no API keys) and no *_BASE_URL of their own. */
export function simulatedExchanges(settings: ExchangeSettings): ExchangeId[] {
  return settings.exchanges.filter((id) => settings.demo[id] && settings.configs[id].baseUrl === undefined)
}

/** SIMULATOR_URL when some exchange needs the simulator; a clear error when it is missing. */
export function requireSimulatorUrl(settings: ExchangeSettings): string | undefined {
  const needed = simulatedExchanges(settings)
  if (needed.length === 0) return undefined
  if (settings.simulatorUrl === undefined) {
    const keys = needed.map((id) => `${id.toUpperCase()}_API_KEY/${id.toUpperCase()}_SECRET_KEY`).join(', ')
    throw new ExchangeSettingsError(
      `${needed.join(', ')} ${needed.length === 1 ? 'has' : 'have'} no API keys (demo mode) and SIMULATOR_URL is not set. ` +
        `Set SIMULATOR_URL to the venue simulator's control API (e.g. http://127.0.0.1:8100, started with npm run sim), ` +
        `or set ${keys} to trade on the real venues.`
    )
  }
  return settings.simulatorUrl
}

interface VenuesAnswer {
  venues: Array<{ venue: string; url: string; apiKey: string }>
}

/**
 * The simulator URL of every exchange that needs one, read from GET $SIMULATOR_URL/venues. Refuses a simulator
 * that does not know a venue or expects other demo credentials than the ones the connectors sign with.
 */
export async function fetchSimulatorUrls(
  settings: ExchangeSettings,
  { fetch: fetchImpl = fetch, timeoutMs = 10_000 }: { fetch?: typeof fetch; timeoutMs?: number } = {}
): Promise<Partial<Record<ExchangeId, string>>> {
  const controlUrl = requireSimulatorUrl(settings)
  if (controlUrl === undefined) return {}
  let answer: VenuesAnswer
  try {
    const response = await fetchImpl(`${controlUrl}/venues`, { signal: AbortSignal.timeout(timeoutMs) })
    if (!response.ok) throw new Error(`GET /venues answered ${response.status}`)
    answer = (await response.json()) as VenuesAnswer
  } catch (error) {
    throw new ExchangeSettingsError(
      `could not read the venues of the simulator at SIMULATOR_URL=${controlUrl}: ${(error as Error).message}`
    )
  }
  const urls: Partial<Record<ExchangeId, string>> = {}
  for (const id of simulatedExchanges(settings)) {
    const venue = answer.venues?.find((v) => v.venue === id)
    if (venue === undefined)
      throw new ExchangeSettingsError(`the simulator at SIMULATOR_URL=${controlUrl} has no venue ${id}`)
    // Demo connectors sign with the built-in demo credentials (exchanges/settings.ts); the simulator must accept them.
    if (venue.apiKey !== settings.configs[id].apiKey) {
      throw new ExchangeSettingsError(
        `the simulator at SIMULATOR_URL=${controlUrl} expects another demo API key for ${id} than the built-in one`
      )
    }
    urls[id] = venue.url
  }
  return urls
}
