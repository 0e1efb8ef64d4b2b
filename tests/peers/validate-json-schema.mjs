// SPDX-License-Identifier: GPL-3.0-or-later
// Validates JSON files against a JSON Schema (draft 2020-12) with ajv, strict mode, formats on.
//
//   node validate-json-schema.mjs SCHEMA FILE...
//
// Prints one line per file: "valid FILE", or "invalid FILE" followed by one indented line per
// error ("  <instancePath> <message>"). Exit code 0 when every file is valid, 1 when one is not,
// 2 on a usage error or a schema that does not compile.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error('usage: node validate-json-schema.mjs SCHEMA FILE...');
  process.exit(2);
}

let validate;
try {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
} catch (error) {
  console.error(`schema ${schemaPath}: ${error.message}`);
  process.exit(2);
}

let allValid = true;
for (const file of files) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (validate(data)) {
    console.log(`valid ${file}`);
    continue;
  }
  allValid = false;
  console.log(`invalid ${file}`);
  for (const error of validate.errors)
    console.log(`  ${error.instancePath || '/'} ${error.message}`);
}
process.exit(allValid ? 0 : 1);
