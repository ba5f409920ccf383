/**
 * Saving a form (fixture README, "web_save"):
 *
 *   17/18  model.web_save([ids, vals], {context, specification}) → [record read back with the
 *          specification]; ids = [] creates. 18 builds the specification with the lists' order
 *          (./specs.ts saveSpecification).
 *   16     model.create([vals]) → id (or write([[id], vals])), then the form is read again
 *          (./records.ts read16)
 */
import { JourneyError, journeyMessages } from '../errors.js';
import { read16 } from './records.js';
import { filterSpec, saveSpecification, type Specification } from './specs.js';
import { userContext, type Web } from './web.js';

export async function saveForm(
  web: Web,
  model: string,
  id: number | undefined,
  vals: Record<string, unknown>,
  spec: Specification,
  extraContext?: Record<string, unknown>,
): Promise<Record<string, unknown> & { id: number }> {
  const specification = saveSpecification(filterSpec(spec, model, web.session.fields), web.version);
  const context = userContext(web, extraContext);
  if (web.version === 16) {
    let savedId = id;
    if (savedId === undefined) {
      const created = await web.client.call<number | number[]>(model, 'create', [vals], { context });
      savedId = Array.isArray(created) ? (created[0] as number) : created;
    } else {
      await web.client.call(model, 'write', [[savedId], vals], { context });
    }
    const rows = await read16(web, model, [savedId], specification, userContext(web, { bin_size: true, ...extraContext }));
    return { ...(rows[0] || {}), id: savedId };
  }
  const rows = await web.client.call<Array<Record<string, unknown> & { id: number }>>(model, 'web_save', [id === undefined ? [] : [id], vals], { context, specification });
  const record = rows && rows[0];
  if (!record || typeof record.id !== 'number') {
    throw new JourneyError('JOURNEY_UNEXPECTED_REPLY', journeyMessages.unexpectedReply('web client', 'save', `${model}.web_save returned ${JSON.stringify(rows)}, expected [record]`));
  }
  return record;
}
