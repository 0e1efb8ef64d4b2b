// SPDX-License-Identifier: GPL-3.0-or-later
// Validates HTTP requests a client sent against the official API Gateway Swagger 2.0 files with ajv:
// the operation exists (method + path template below basePath), every query parameter is declared,
// and the JSON body matches the operation's body schema (and, when the body wraps its value in one
// undeclared key such as {"policyAction": {...}}, the wrapped value too).
//
//   node validate-requests.mjs REQUESTS.json --reference DIR SPEC.json [SPEC.json ...]
//       REQUESTS.json: [{"method", "path", "body"?: string}], path with query string
//       prints one JSON array of {"request", "ok", "detail"} and exits 1 if any request fails.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const args = process.argv.slice(2);
const requestsFile = args[0];
const referenceDir = args[args.indexOf('--reference') + 1];
const specFiles = args.slice(args.indexOf('--reference') + 2);

const specs = specFiles.map((file) => {
    const spec = JSON.parse(readFileSync(resolve(referenceDir, file), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(ajv);
    for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'])
        ajv.addFormat(format, true);
    ajv.addSchema({ $id: 'spec', definitions: spec.definitions ?? {} });
    const operations = [];
    for (const [template, item] of Object.entries(spec.paths ?? {})) {
        const literal = template.replace(/\{[^}]+\}/g, '').length;
        const pattern = new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+') + '$');
        for (const [method, operation] of Object.entries(item)) {
            if (method === 'parameters') continue;
            operations.push({ method: method.toUpperCase(), template, pattern, literal, operation });
        }
    }
    return { file, spec, ajv, basePath: spec.basePath ?? '', operations };
});

function rewriteRefs(schema) {
    return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"spec#/'));
}

function resolveRef(spec, schema) {
    let current = schema;
    for (let depth = 0; current && current.$ref && depth < 10; ++depth)
        current = current.$ref.replace(/^#\//, '').split('/').reduce((node, part) => node?.[part], spec);
    return current;
}

function declares(spec, schema, key) {
    const resolved = resolveRef(spec, schema);
    if (!resolved) return false;
    if (resolved.properties && key in resolved.properties) return true;
    return (resolved.allOf ?? []).some((part) => declares(spec, part, key));
}

function check(request) {
    const [pathPart, queryPart] = request.path.split('?');
    const candidates = [];
    for (const entry of specs) {
        if (!pathPart.startsWith(entry.basePath)) continue;
        const below = pathPart.slice(entry.basePath.length) || '/';
        for (const operation of entry.operations)
            if (operation.pattern.test(below)) candidates.push({ entry, operation });
    }
    if (candidates.length === 0) return `no path of the given specs matches ${pathPart}`;
    candidates.sort((a, b) => b.operation.literal - a.operation.literal);
    const best = candidates.filter((c) => c.operation.literal === candidates[0].operation.literal);
    const match = best.find((c) => c.operation.method === request.method);
    if (!match) return `${request.method} is not an operation of ${best[0].operation.template} in ${best[0].entry.file}`;
    const { entry, operation } = match;
    const parameters = operation.operation.parameters ?? [];
    for (const pair of (queryPart ?? '').split('&').filter(Boolean)) {
        const name = decodeURIComponent(pair.split('=')[0]);
        if (!parameters.some((p) => p.in === 'query' && p.name === name))
            return `query parameter "${name}" is not declared by ${request.method} ${operation.template}`;
    }
    const bodyParameter = parameters.find((p) => p.in === 'body');
    const hasBody = request.body !== undefined && request.body !== null && request.body !== '';
    if (!bodyParameter) return hasBody ? `${request.method} ${operation.template} takes no body` : null;
    if (!hasBody) return bodyParameter.required ? `${request.method} ${operation.template} needs a body` : null;
    let body;
    try { body = JSON.parse(request.body); } catch (e) { return `body is not JSON: ${e.message}`; }
    const validate = entry.ajv.compile(rewriteRefs(bodyParameter.schema));
    if (!validate(body)) return `${operation.template}: ${entry.ajv.errorsText(validate.errors)}`;
    // A discriminated model (Alias "type") is also checked against the concrete definition.
    const model = resolveRef(entry.spec, bodyParameter.schema);
    if (model?.discriminator && body && typeof body[model.discriminator] === 'string') {
        const value = body[model.discriminator].toLowerCase();
        const name = Object.keys(entry.spec.definitions ?? {}).find((candidate) =>
            [value, value + 'alias'].includes(candidate.toLowerCase()));
        if (!name) return `${operation.template}: no definition for ${model.discriminator} "${body[model.discriminator]}"`;
        const concrete = entry.ajv.compile(rewriteRefs({ $ref: `#/definitions/${name}` }));
        if (!concrete(body)) return `${operation.template} as ${name}: ${entry.ajv.errorsText(concrete.errors)}`;
    }
    const keys = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
    if (keys.length === 1 && !declares(entry.spec, bodyParameter.schema, keys[0])) {
        const inner = entry.ajv.compile(rewriteRefs(bodyParameter.schema));
        if (!inner(body[keys[0]])) return `${operation.template} (inside "${keys[0]}"): ${entry.ajv.errorsText(inner.errors)}`;
    }
    return null;
}

const requests = JSON.parse(readFileSync(requestsFile, 'utf8'));
const results = requests.map((request) => {
    const detail = check(request);
    return { request: `${request.method} ${request.path}`, ok: detail === null, detail: detail ?? 'valid' };
});
process.stdout.write(JSON.stringify(results));
process.exit(results.every((r) => r.ok) ? 0 : 1);
