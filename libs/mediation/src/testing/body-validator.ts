import Ajv2020 from 'ajv/dist/2020';
import { isUuid, type CommandRoute } from '@pls/event-sourcing';
import { isBusinessDate, isInstant } from '@pls/reference';

// The HTTP layer validates bodies with Ajv before `toCommand`; the specs do the same
// with the formats the conventions name, so a schema mistake fails here first.
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('uuid', { type: 'string', validate: isUuid });
ajv.addFormat('business-date', { type: 'string', validate: isBusinessDate });
ajv.addFormat('instant', { type: 'string', validate: isInstant });

/** `true` when the route's body schema accepts `body`. */
export function bodyValidator(route: Pick<CommandRoute, 'body'>): (body: unknown) => boolean {
  const validate = ajv.compile(route.body);
  return (body) => validate(body) === true;
}
