/** The estate roster as the suites load it: the template's header and an import that must succeed. */
import type { TestServer } from './huixin.js';

export const ROSTER_HEADER = '小区 estate,楼栋 building,单元 entrance,房号 unit,面积 area,姓名 name,电话 phone,身份 role\n';

/** Imports rows (CSV lines under the template's header) for real; throws unless the server took them. */
export async function importRoster(hx: TestServer, rows: string): Promise<void> {
  const res = await fetch(`${hx.url}/api/estates/import?dryRun=false`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hx.token}`, 'content-type': 'text/csv' },
    body: ROSTER_HEADER + rows,
  });
  if (res.status !== 200) throw new Error(`roster import answered ${res.status}: ${await res.text()}`);
}
