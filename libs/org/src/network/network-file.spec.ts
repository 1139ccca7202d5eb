import { deterministicId } from '@pls/event-sourcing';
import { InvalidNetworkFileError, OrgErrorCode } from '../org.errors';
import { parseNetworkFile } from './network-file';
import { networkInvocations, networkUnitId } from './network-invocations';

const city = { key: 'city', name: '云川市公共法律服务中心', level: 'city', parentKey: null, code: 'YC' };
const township = { key: 't01', name: '青河镇公共法律服务站', level: 'township', parentKey: 'city', code: 'YC01' };
const village = { key: 't01-v01', name: '青河镇东坡村公共法律服务工作室', level: 'village', parentKey: 't01' };

function problemsOf(json: unknown): readonly string[] {
  try {
    parseNetworkFile(json);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidNetworkFileError);
    expect((error as InvalidNetworkFileError).code).toBe(OrgErrorCode.INVALID_NETWORK_FILE);
    return (error as InvalidNetworkFileError).problems;
  }
  throw new Error('expected the file to be refused');
}

describe('parseNetworkFile', () => {
  it('accepts a city with a township and a village, code optional', () =>
    expect(parseNetworkFile({ units: [city, township, village] })).toEqual({ units: [city, township, village] }));

  it('refuses anything but an object with a units array', () => {
    expect(problemsOf([city])).toEqual(['the file must be an object with a "units" array']);
    expect(problemsOf({ unit: [city] })).toEqual(['the file must be an object with a "units" array']);
  });

  it('refuses fields the format does not define', () =>
    expect(problemsOf({ units: [{ ...city, address: '人民路1号' }], note: 'x' })).toEqual(['unknown field "note"', 'units[0].address: unknown field']));

  it('names every malformed field of every unit', () =>
    expect(problemsOf({ units: [{ key: 'City 1', name: ' ', level: 'county', code: '市中心' }, 42] })).toEqual([
      'units[0].key: lower-case letters, digits and dashes, at most 64',
      'units[0].name: 1 to 100 characters, not blank',
      'units[0].level: one of city, township, village',
      'units[0].parentKey: a key or null',
      'units[0].code: must match ^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$',
      'units[1]: not an object',
    ]));

  it('refuses a key or a code used twice', () =>
    expect(problemsOf({ units: [city, township, { ...township, code: 'YC02' }, { ...village, key: 't01-v02', code: 'YC' }] })).toEqual([
      'unit "t01": key used twice',
      'unit "t01-v02": code "YC" used twice',
    ]));

  it('refuses parents outside the file or at the wrong level, and a city with a parent', () =>
    expect(
      problemsOf({
        units: [
          { ...city, parentKey: 't01' },
          township,
          { ...village, parentKey: 'nowhere' },
          { ...village, key: 't01-v02', parentKey: 'city' },
          { ...township, key: 't02', parentKey: null, code: 'YC02' },
        ],
      }),
    ).toEqual([
      'unit "city": a city has no parent',
      'unit "t01-v01": a village needs a township of this file as parent',
      'unit "t01-v02": parent "city" is a city, not a township',
      'unit "t02": a township needs a city of this file as parent',
    ]));
});

describe('networkInvocations', () => {
  const network = parseNetworkFile({ units: [village, township, city] });

  it('registers parents before children, whatever the file order', () =>
    expect(networkInvocations(network, 'test').map((i) => i.body['level'])).toEqual(['city', 'township', 'village']));

  it('derives ids from the network name and the unit key, and points children at their parent', () => {
    const [c, t, v] = networkInvocations(network, 'test');
    expect(t).toEqual({
      collection: 'org-units',
      action: null,
      id: deterministicId('org-unit', 'test', 't01'),
      commandId: deterministicId('org-unit-registration', 'test', 't01'),
      body: { name: '青河镇公共法律服务站', level: 'township', parentId: c!.id, code: 'YC01' },
    });
    expect(v!.body).toEqual({ name: '青河镇东坡村公共法律服务工作室', level: 'village', parentId: t!.id });
    expect(c!.body['parentId']).toBeNull();
  });

  it('gives the same ids on every run and other ids for another network', () => {
    expect(networkInvocations(network, 'test')).toEqual(networkInvocations(network, 'test'));
    expect(networkInvocations(network, 'other')[0]!.id).not.toBe(networkUnitId('test', 'city'));
  });
});
