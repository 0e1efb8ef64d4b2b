#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpora of the fuzz targets into tests/fuzz/corpus/<target>/ (committed; run again only to
refresh them). Seeds come from the repository (demo workspace), from the official API Gateway Postman collections
and Swagger files (GATEWRIGHT_REFERENCE_DIR, default ../shared/reference beside the checkout: request and response
examples), and from tokens and keys made here with python3-cryptography (Debian package). Files stay small (<= 8 KiB);
libFuzzer adds what it finds when run with scripts/fuzz.sh.

    tests/fuzz/make-corpus.py [REFERENCE_DIR]
"""
import base64
import glob
import hashlib
import json
import os
import re
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REFERENCE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "reference")
OPENAPI = os.path.join(REFERENCE, "wm-apigw-openapi")
MAX_SIZE = 8 * 1024


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    if len(data) > MAX_SIZE:
        return
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def compact(obj):
    return json.dumps(obj, separators=(",", ":"))


def postman_items():
    for path in sorted(glob.glob(os.path.join(OPENAPI, "postman", "*.json"))):
        def walk(items):
            for item in items:
                if "item" in item:
                    yield from walk(item["item"])
                else:
                    yield item
        with open(path, encoding="utf-8") as f:
            yield from walk(json.load(f).get("item", []))


def swagger_examples():
    for path in sorted(glob.glob(os.path.join(OPENAPI, "*.json"))):
        with open(path, encoding="utf-8") as f:
            spec = json.load(f)
        def walk(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "example" and isinstance(value, (dict, list)):
                        yield value
                    elif key == "examples" and isinstance(value, dict):
                        yield from (v for v in value.values() if isinstance(v, (dict, list)))
                    else:
                        yield from walk(value)
            elif isinstance(node, list):
                for value in node:
                    yield from walk(value)
        yield from walk(spec)


# --- workspace ----------------------------------------------------------------------------------------------
with open(os.path.join(ROOT, "resources", "examples", "demo.gatewright.json"), encoding="utf-8") as f:
    demo = f.read()
folder = os.path.join(HERE, "corpus", "workspace")
os.makedirs(folder, exist_ok=True)
with open(os.path.join(folder, "demo.gatewright.json"), "w", encoding="utf-8") as f:
    f.write(demo)  # larger than MAX_SIZE, but the one real workspace
demo_json = json.loads(demo)
write("workspace", json.dumps({"format": demo_json.get("format"), "schemaVersion": demo_json.get("schemaVersion")}))
for key in list(demo_json.keys()):
    smaller = dict(demo_json)
    smaller.pop(key)
    write("workspace", json.dumps(smaller, indent=2))
write("workspace", '{"format": "gatewright-workspace", "schemaVersion": 1, "clientSecret": "plain"}')
write("workspace", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")

# --- keys and tokens ----------------------------------------------------------------------------------------
rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
ec_key = ec.generate_private_key(ec.SECP256R1())
ec384_key = ec.generate_private_key(ec.SECP384R1())


def int_b64u(value, length=None):
    length = length or (value.bit_length() + 7) // 8
    return b64u(value.to_bytes(length, "big"))


def rsa_jwk(key, kid, alg="RS256"):
    n = key.public_key().public_numbers()
    return {"kty": "RSA", "kid": kid, "alg": alg, "use": "sig", "n": int_b64u(n.n), "e": int_b64u(n.e)}


def ec_jwk(key, kid, crv, size):
    n = key.public_key().public_numbers()
    return {"kty": "EC", "kid": kid, "crv": crv, "use": "sig", "x": int_b64u(n.x, size), "y": int_b64u(n.y, size)}


jwks = {"keys": [rsa_jwk(rsa_key, "rs-1"), ec_jwk(ec_key, "es-1", "P-256", 32), ec_jwk(ec384_key, "es-2", "P-384", 48)]}
write("jwks", json.dumps(jwks))
write("jwks", json.dumps(jwks["keys"][0]))
write("jwks", json.dumps(jwks["keys"][1]))
write("jwks", json.dumps({"keys": [{"kty": "oct", "k": "c2VjcmV0"}, {"kty": "RSA", "n": "AQAB", "e": "AQAB"}]}))
write("jwks", json.dumps({"keys": [dict(jwks["keys"][1], x="AAAA")]}))
write("jwks", json.dumps({"keys": []}))
write("jwks", rsa_key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo))
write("jwks", ec_key.public_key().public_bytes(serialization.Encoding.PEM,
                                              serialization.PublicFormat.SubjectPublicKeyInfo))
write("jwks", rsa_key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.PKCS1))
write("jwks", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----\n")


def sign(header, claims, key=rsa_key):
    signing_input = (b64u(compact(header).encode()) + "." + b64u(compact(claims).encode())).encode()
    alg = header.get("alg")
    if alg == "RS256":
        signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    elif alg == "PS256":
        signature = key.sign(signing_input, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
                             hashes.SHA256())
    elif alg == "ES256":
        r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    else:
        signature = b""
    return signing_input.decode() + "." + b64u(signature)


claims = {"iss": "https://issuer.example", "aud": "gatewright", "sub": "svc-orders", "scope": "read orders:read",
          "exp": 1893456000, "nbf": 1700000000, "iat": 1700000000, "jti": "1"}
headers = [{"alg": "RS256", "typ": "at+jwt", "kid": "rs-1"}, {"alg": "ES256", "typ": "JWT", "kid": "es-1"},
           {"alg": "PS256", "kid": "rs-1"}, {"alg": "none"}, {"alg": "HS256", "kid": "rs-1"},
           {"alg": "RS256", "kid": "rs-1", "crit": ["exp"]}, {"alg": "ES256", "jwk": jwks["keys"][1]}]
for header in headers:
    key = ec_key if header["alg"] == "ES256" else rsa_key
    token = sign(header, claims, key)
    write("jwt", b"\x00" + token.encode())
    write("jwt", b"\x01" + token.encode())
for variant in [{"aud": ["gatewright", "other"]}, {"exp": "tomorrow"}, {"exp": 1e300}, {"nbf": 4102444800},
                {"scp": ["read"]}, {"iss": None}, {"aud": []}]:
    write("jwt", b"\x02" + compact({"alg": "ES256", "kid": "es-1", "typ": "at+jwt"}).encode() + b"\n"
          + compact(dict(claims, **variant)).encode())
write("jwt", b"\x03" + compact({"alg": "ES256", "kid": "es-1", "typ": "at+jwt"}).encode() + b"\n" + compact(claims).encode())
write("jwt", b"\x00eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d")
write("jwt", b"\x00...")
write("jwt", b"\x00" + ("a" * 100 + ".").encode() * 3)

# --- OAuth responses: first byte 0 = 200 JSON, 4 = 400, 5 = 401, 8 = 200 charset ------------------------------
oauth = [
    (0, {"access_token": "eyJ0eXAi.x.y", "token_type": "Bearer", "expires_in": 3600, "scope": "orders:read"}),
    (0, {"access_token": "a", "token_type": "bearer", "expires_in": "3600", "refresh_token": "r-123456789"}),
    (0, {"access_token": "a", "token_type": "mac", "expires_in": 0}),
    (8, {"access_token": "a", "token_type": "Bearer", "expires_in": 1.5e12}),
    (0, {"token_type": "Bearer"}),
    (4, {"error": "invalid_client", "error_description": "Client authentication failed"}),
    (5, {"error": "invalid_grant", "error_uri": "https://issuer.example/errors"}),
    (0, {"active": True, "scope": "orders:read", "client_id": "demo-client", "exp": 1893456000}),
    (0, {"active": "true"}),
    (0, {"issuer": "https://issuer.example", "token_endpoint": "https://issuer.example/oauth2/token",
         "jwks_uri": "https://issuer.example/jwks", "introspection_endpoint": "http://127.0.0.1:1/introspect",
         "grant_types_supported": ["client_credentials"], "scopes_supported": ["orders:read"],
         "code_challenge_methods_supported": ["S256"], "authorization_response_iss_parameter_supported": True}),
    (0, {"issuer": "https://issuer.example/", "token_endpoint": "http://evil.example/token"}),
]
for first, body in oauth:
    write("oauth", bytes([first]) + json.dumps(body).encode())
write("oauth", b"\x10<html>Bad gateway</html>")
write("oauth", b"\x00[]")

# --- gateway JSON replies and sandbox requests from the Postman collections and Swagger examples ---------------
PLACEHOLDERS = {"apiId": "$API", "policyId": "$POLICY", "policyActionId": "$ACTION", "aliasId": "$ALIAS"}


def placeholder(match):
    name = match.group(1)
    for key, value in PLACEHOLDERS.items():
        if key.lower() in name.lower():
            return value
    return "x"


for item in postman_items():
    request = item.get("request", {})
    for response in item.get("response", []) or []:
        if response.get("body"):
            write("gatewayjson", response["body"])
    url = request.get("url", {})
    raw = url.get("raw", "") if isinstance(url, dict) else url
    path = re.sub(r"^\{\{[^}]*\}\}", "", raw)
    path = re.sub(r"^.*?/rest/apigateway", "", path)
    path = re.sub(r"\{\{([^}]*)\}\}", placeholder, path)
    path = re.sub(r":([A-Za-z]+)", lambda m: placeholder(m), path)
    headers = "".join(f"{h['key']}: {h['value']}\n" for h in request.get("header", []) if "key" in h and "value" in h)
    body = request.get("body", {}).get("raw", "") if isinstance(request.get("body"), dict) else ""
    write("sandbox", f"{request.get('method', 'GET')} {path}\n{headers}\n{body}")
for example in swagger_examples():
    write("gatewayjson", json.dumps(example))

demo_sandbox = [
    "GET /apis", "GET /apis/$API", "PUT /apis/$API/deactivate\n\n", "GET /policies/$POLICY",
    "GET /policyActions/$ACTION", "GET /alias", "GET /alias/$ALIAS", "DELETE /alias/$ALIAS", "GET /health",
    "GET /is/serverinfo", "GET /sandbox/faults", "POST /sandbox/faults\nContent-Type: application/json\n\n"
    '{"method":"GET","path":"/rest/apigateway/apis","action":"status","status":503,"times":1}',
    "GET /apis\nAuthorization: Basic QWRtaW5pc3RyYXRvcjp3cm9uZw==\n\n",
    "POST /apis\nContent-Type: multipart/form-data; boundary=b\n\n--b\r\nContent-Disposition: form-data; "
    "name=\"apiName\"\r\n\r\nOrders\r\n--b\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nswagger\r\n--b--\r\n",
    "POST /apis\nContent-Type: application/json\n\n{\"apiName\":\"A\",\"type\":\"openapi\",\"apiVersion\":\"1\","
    "\"apiDefinition\":{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"A\",\"version\":\"1\"},\"paths\":{}}}\n===\nGET /apis",
    "PUT /policies/$POLICY\nContent-Type: application/json\n\n{\"policy\":{\"policyEnforcements\":[]}}\n===\nGET /policies/$POLICY",
]
for request in demo_sandbox:
    write("sandbox", request)
# The policy, action and alias objects of the demo gateway, as the gateway JSON readers see them in replies.
for body in [{"policyAction": {"id": "1", "templateKey": "evaluatePolicy", "parameters": []}},
             {"alias": [{"id": "a", "name": "io-orders-basic", "type": "httpTransportSecurityAlias",
                         "authType": "HTTP_BASIC", "authMode": "NEW",
                         "httpAuthCredentials": {"userName": "svc", "password": "cGFzcw=="}}]},
             {"policy": {"id": "p", "policyEnforcements": [{"stageKey": "IAM", "enforcements": [
                 {"enforcementObjectId": "e1", "order": "0"}]}]}},
             [{"id": "x", "templateKey": "outboundTransportAuthentication"}], None, "text", 0]:
    write("gatewayjson", json.dumps(body))

for target in sorted(os.listdir(os.path.join(HERE, "corpus"))):
    files = os.listdir(os.path.join(HERE, "corpus", target))
    print(f"{target}: {len(files)} seeds")
