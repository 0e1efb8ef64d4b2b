// SPDX-License-Identifier: GPL-3.0-or-later
// Validates JSON response bodies against the official API Gateway Swagger 2.0 files with ajv.
//
//   node validate-swagger.mjs SPEC.json '#/definitions/Alias' BODY.json|-
//   node validate-swagger.mjs SPEC.json 'GET /apis/{apiId} 200' BODY.json|-
//   node validate-swagger.mjs --batch CASES.json --reference DIR
//       CASES.json: [{"name", "spec", "method", "path", "status", "body", "definition"?}], spec relative
//       to DIR, "definition" (e.g. "#/definitions/EndpointAlias") also checks a discriminated model;
//       prints one JSON array of {"name", "ok", "detail"} and exits 1 if any case fails.
//
// Envelopes: the product wraps bodies ({"apiResponse": ...}, {"policy": ...}, {"policyAction": ...},
// {"alias": ...}, {"stages": [...]}, {"policyActionTemplates": ...}) where several operation schemas
// describe the inner value only (e.g. APIResponseCreate, Policy, or a bare array for /policyStages).
// When the body is an object with one key the schema does not declare, the inner value is validated
// and the detail says so.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const specs = new Map();

function loadSpec(file) {
    if (!specs.has(file)) {
        const spec = JSON.parse(readFileSync(file, 'utf8'));
        const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
        addFormats(ajv);
        // Swagger 2.0 formats that are not JSON-schema formats.
        for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'])
            ajv.addFormat(format, true);
        ajv.addSchema({ $id: 'spec', definitions: spec.definitions ?? {} });
        specs.set(file, { spec, ajv });
    }
    return specs.get(file);
}

function resolveRef(spec, schema) {
    let current = schema;
    for (let depth = 0; current && current.$ref && depth < 10; ++depth)
        current = current.$ref.replace(/^#\//, '').split('/').reduce((node, part) => node?.[part], spec);
    return current;
}

function rewriteRefs(schema) {
    return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"spec#/'));
}

function declaresProperty(spec, schema, key) {
    const resolved = resolveRef(spec, schema);
    if (!resolved) return false;
    if (resolved.properties && key in resolved.properties) return true;
    return (resolved.allOf ?? []).some((part) => declaresProperty(spec, part, key));
}

function validate(file, target, body) {
    const { spec, ajv } = loadSpec(file);
    let schema;
    if (target.startsWith('#/')) {
        schema = { $ref: target };
    } else {
        const [method, path, status] = target.split(' ');
        const operation = spec.paths?.[path]?.[method.toLowerCase()];
        if (!operation) return { ok: false, detail: `no operation ${method} ${path} in ${file}` };
        const response = operation.responses?.[String(status)] ?? operation.responses?.default;
        if (!response) return { ok: false, detail: `status ${status} is not documented for ${method} ${path}` };
        if (!response.schema) {
            if (body !== null && typeof body === 'object' && 'errorDetails' in body && typeof body.errorDetails !== 'string')
                return { ok: false, detail: 'errorDetails must be a string' };
            return { ok: true, detail: `status ${status} documented without a schema` };
        }
        schema = response.schema;
    }
    let value = body;
    let detail = '';
    const resolved = resolveRef(spec, schema);
    if (body && typeof body === 'object' && !Array.isArray(body)) {
        const keys = Object.keys(body);
        if (keys.length === 1 && !declaresProperty(spec, schema, keys[0])) {
            const inner = body[keys[0]];
            const wantsArray = resolved?.type === 'array';
            if (wantsArray === Array.isArray(inner) || (!wantsArray && inner && typeof inner === 'object')) {
                value = inner;
                detail = `validated the "${keys[0]}" envelope's content`;
            }
        }
    }
    const check = ajv.compile(rewriteRefs(schema));
    if (check(value)) return { ok: true, detail: detail || 'valid' };
    return {
        ok: false,
        detail: (detail ? detail + '; ' : '') + check.errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; '),
    };
}

const args = process.argv.slice(2);
if (args[0] === '--batch') {
    const cases = JSON.parse(readFileSync(args[1], 'utf8'));
    const referenceAt = args.indexOf('--reference');
    const reference = referenceAt >= 0 ? args[referenceAt + 1] : '.';
    const results = cases.map((c) => {
        try {
            const file = resolve(reference, c.spec);
            const operation = validate(file, `${c.method} ${c.path} ${c.status}`, c.body);
            if (!operation.ok || !c.definition) return { name: c.name, ...operation };
            // A discriminated model (Alias by "type"): also check the concrete definition.
            const concrete = validate(file, c.definition, c.body);
            return { name: c.name, ok: concrete.ok, detail: `${operation.detail}; ${c.definition}: ${concrete.detail}` };
        } catch (error) {
            return { name: c.name, ok: false, detail: String(error) };
        }
    });
    process.stdout.write(JSON.stringify(results) + '\n');
    process.exit(results.every((r) => r.ok) ? 0 : 1);
} else if (args.length === 3) {
    const text = readFileSync(args[2] === '-' ? 0 : args[2], 'utf8');
    const result = validate(args[0], args[1], JSON.parse(text));
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(result.ok ? 0 : 1);
} else {
    process.stderr.write("usage: validate-swagger.mjs SPEC TARGET BODY | --batch CASES --reference DIR\n");
    process.exit(2);
}
