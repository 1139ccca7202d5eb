import demoNetworkJson from './demo-network.json';
import { parseNetworkFile, type NetworkFile } from './network-file';

/** The name demo unit ids derive from (`networkUnitId(DEMO_NETWORK_NAME, key)`). */
export const DEMO_NETWORK_NAME = 'demo';

/**
 * The demo network: an invented county-level city, 云川市, shaped like the
 * network of DOMAIN.md's work report — one city centre, 10 township and street
 * stations (7 乡镇, 3 街道), 84 village and community workrooms (9 under each of
 * the first four stations, 8 under each of the other six), and one
 * development-zone workroom. Every name is invented.
 *
 * The development-zone workroom (key `devzone`) is a `village` under 石泉街道
 * (`t02`), the street the zone lies in, rather than directly under the city:
 * the level rules then hold without exception (a village's parent is a
 * township), and its figures roll up through that street to the city like any
 * other workroom's. So 石泉街道 has 10 workrooms, 9 communities and the zone.
 */
export const demoNetwork: NetworkFile = parseNetworkFile(demoNetworkJson);
