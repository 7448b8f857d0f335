#!/usr/bin/env python3
# Copyright the Trustgate project authors. Licensed under the Apache License, Version 2.0.
"""Seeded generator for the held-out secrets probe set (heldout4/secrets).

    python3 gen.py            -> writes secrets-probe-3.jsonl next to this file

Standard library only. Every secret value is synthetic: provider prefixes and
shapes follow the public documentation, bodies are random (seeded). No real key.
Each line: {"text": ..., "spans": [{"type", "start", "end"}]} with offsets in
Python str indices, end exclusive, sorted, non-overlapping. A span covers the
secret value only (no variable name, no quotes).
"""
import base64
import json
import os
import random
import string
import uuid
import zlib

SEED = 20261127
R = random.Random(SEED)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "secrets-probe-3.jsonl")

UP = string.ascii_uppercase
LO = string.ascii_lowercase
DG = string.digits
ALNUM = UP + LO + DG
B62 = DG + UP + LO            # GitHub checksum alphabet (0-9A-Za-z)
HEX = "0123456789abcdef"
B64 = UP + LO + DG + "+/"
URLSAFE = ALNUM + "-_"

# --------------------------------------------------------------------------
# well-known public look-alikes (never labelled)
AWS_EX_ID = "AKIAIOSFODNN7EXAMPLE"
AWS_EX_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
STRIPE_EX_SK = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"
STRIPE_EX_PK = "pk_test_TYooMQauvdEDq54NiTphI7jx"
JWT_IO = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
          "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="


class S:
    """A labelled secret inside a text."""
    __slots__ = ("t", "v")

    def __init__(self, t, v):
        self.t, self.v = t, v


_CYC = {}


def cyc(key, n):
    """Deterministic round-robin over the variants of a template (full coverage)."""
    i = _CYC.get(key, 0)
    _CYC[key] = i + 1
    return i % n


def flat(parts):
    out = []
    for p in parts:
        if isinstance(p, (list, tuple)):
            out.extend(flat(p))
        else:
            out.append(p)
    return out


def build(parts):
    text, spans, pos = [], [], 0
    for p in flat(parts):
        if isinstance(p, S):
            spans.append({"type": p.t, "start": pos, "end": pos + len(p.v)})
            s = p.v
        else:
            s = p
        text.append(s)
        pos += len(s)
    return "".join(text), spans


# --------------------------------------------------------------------------
# primitives
def rs(alpha, n):
    return "".join(R.choice(alpha) for _ in range(n))


def pick(seq):
    return R.choice(seq)


def hexs(n):
    return rs(HEX, n)


def uid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def rbytes(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def b64bytes(n):
    return base64.b64encode(rbytes(n)).decode()


def b64u_json(obj):
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).rstrip(b"=").decode()


def ip():
    return f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"


def ts():
    return f"2026-{R.randint(1, 11):02d}-{R.randint(1, 28):02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}.{R.randint(0, 999):03d}Z"


USERS = ["svc_orders", "app", "billing_rw", "etl_user", "reporting", "api", "admin_ops", "jenkins", "deploy", "analytics"]
HOSTS = ["db.prod.internal", "pg-primary.corp.local", "orders-db.c9x2kq.eu-central-1.rds.amazonaws.com",
         "mysql-01.dc2.example.net", "10.20.4.17", "cluster0.ab1cd.mongodb.net", "cache.prod.svc.cluster.local",
         "rabbitmq.messaging.svc", "sql-ledger.internal.bank"]
WORDS = ["Falcon", "Harbor", "Maple", "Quartz", "Tundra", "Velvet", "Orchid", "Copper", "Summit", "Lantern",
         "Nimbus", "Glacier", "Juniper", "Cobalt", "Saffron", "Meridian"]
ORGS = ["acme-fin", "northwind", "contoso-health", "globex", "initech", "umbrella-labs", "helvetia-bank"]
REPOS = ["payments-api", "ledger", "claims-service", "kyc-worker", "risk-engine", "portal-web"]


# --------------------------------------------------------------------------
# secret generators (shapes from provider docs; random bodies)
def g_akid():
    return "AKIA" + rs(UP + "234567", 16)


def g_asia():
    return "ASIA" + rs(UP + "234567", 16)


def g_aws_secret():
    return rs(B64, 40)


def g_aws_session():
    return "IQoJb3JpZ2luX2Vj" + rs(B64, 4 * R.randint(70, 100))


def g_gcp_key():
    return "AIza" + rs(URLSAFE, 35)


def g_azure_storage_key():
    return b64bytes(64)          # 88 chars, ends with ==


def g_azure_sas_key():
    return b64bytes(32)          # 44 chars, ends with =


def g_azure_ad():
    return rs(ALNUM, 3) + rs(DG, 1) + "Q~" + rs(ALNUM + "_.~-", 33) + rs(ALNUM, 1)


def b62(n):
    s = ""
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s.rjust(6, "0")


def g_gh(prefix="ghp_"):
    body = rs(ALNUM, 30)
    return prefix + body + b62(zlib.crc32(body.encode()))


def g_gh_fg():
    return "github_pat_" + rs(ALNUM, 22) + "_" + rs(ALNUM, 59)


def g_gl(prefix="glpat-"):
    if prefix == "glptt-":
        return prefix + hexs(40)
    if prefix == "gloas-":
        return prefix + hexs(64)
    return prefix + rs(ALNUM, 1) + rs(URLSAFE, 18) + rs(ALNUM, 1)


def g_xoxb():
    return f"xoxb-{rs(DG, pick([11, 12, 13]))}-{rs(DG, 13)}-{rs(ALNUM, 24)}"


def g_xoxp():
    return f"xoxp-{rs(DG, 12)}-{rs(DG, 12)}-{rs(DG, 13)}-{hexs(32)}"


def g_xapp():
    return f"xapp-1-A{rs(UP + DG, 10)}-{rs(DG, 13)}-{hexs(64)}"


def g_slack_hook():
    return f"https://hooks.slack.com/services/T{rs(UP + DG, 8)}/B{rs(UP + DG, 10)}/{rs(ALNUM, 24)}"


def g_sk_live():
    return "sk_live_" + (("51" + rs(ALNUM, 97)) if R.random() < 0.6 else rs(ALNUM, 24))


def g_rk_live():
    return "rk_live_" + (("51" + rs(ALNUM, 97)) if R.random() < 0.6 else rs(ALNUM, 24))


def g_sk_test():
    return "sk_test_51" + rs(ALNUM, 97)


def g_whsec():
    return "whsec_" + rs(ALNUM, 32)


def g_oai_proj():
    return "sk-proj-" + rs(URLSAFE, 74) + "T3BlbkFJ" + rs(URLSAFE, 73) + rs(ALNUM, 1)


def g_oai_svc():
    return "sk-svcacct-" + rs(URLSAFE, 74) + "T3BlbkFJ" + rs(URLSAFE, 73) + rs(ALNUM, 1)


def g_oai_legacy():
    return "sk-" + rs(ALNUM, 20) + "T3BlbkFJ" + rs(ALNUM, 20)


def g_ant():
    return "sk-ant-api03-" + rs(URLSAFE, 93) + "AA"


def g_hf():
    return "hf_" + rs(UP + LO, 34)


def g_twilio_sid():
    return "AC" + hexs(32)


def g_twilio_token():
    return hexs(32)


def g_sendgrid():
    return "SG." + rs(URLSAFE, 22) + "." + rs(URLSAFE, 42) + rs(ALNUM, 1)


def g_npm():
    return "npm_" + rs(ALNUM, 36)


def g_pypi():
    return "pypi-AgEIcHlwaS5vcmc" + rs(URLSAFE, R.randint(140, 200)) + rs(ALNUM, 1)


def g_dapi():
    return "dapi" + hexs(32) + pick(["", "", "-2", "-3"])


def g_shopify(prefix="shpat_"):
    return prefix + hexs(32)


def g_mailgun():
    return pick(["key-" + hexs(32), hexs(32) + "-" + hexs(8) + "-" + hexs(8)])


def g_jwt(alg=None):
    alg = alg or pick(["HS256", "RS256", "ES256"])
    hdr = {"alg": alg, "typ": "JWT"}
    if alg != "HS256":
        hdr["kid"] = hexs(16)
    now = R.randint(1780000000, 1795000000)
    pl = {"sub": uid(), "iss": pick(["https://login.acme-fin.com", "https://auth.northwind.io/", "https://sts.windows.net/" + uid() + "/"]),
          "aud": pick(["api://payments", "ledger-api", "https://api.contoso-health.com"]),
          "iat": now, "exp": now + pick([900, 3600, 86400]),
          "scope": pick(["read:accounts write:payments", "openid profile email", "claims.read"])}
    if R.random() < 0.5:
        pl["email"] = pick(["j.meier", "a.rossi", "k.tanaka", "m.dubois"]) + "@" + pick(ORGS) + ".com"
    siglen = {"HS256": 43, "RS256": 342, "ES256": 86}[alg]
    return b64u_json(hdr) + "." + b64u_json(pl) + "." + rs(URLSAFE, siglen - 1) + rs(ALNUM, 1)


PEM_SPECS = {
    "RSA": ("RSA PRIVATE KEY", "MIIEpAIBAAKCAQEA", 1588, 64),
    "EC": ("EC PRIVATE KEY", "MHcCAQEEI", 164, 64),
    "PKCS8": ("PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", 1624, 64),
    "OPENSSH": ("OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACA", 400, 70),
    "ENCRYPTED": ("ENCRYPTED PRIVATE KEY", "MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI", 1748, 64),
}
PEM_TYPES = {"RSA": "PEM_RSA_PRIVATE_KEY", "EC": "PEM_EC_PRIVATE_KEY", "PKCS8": "PEM_PKCS8_PRIVATE_KEY",
             "OPENSSH": "PEM_OPENSSH_PRIVATE_KEY", "ENCRYPTED": "PEM_ENCRYPTED_PRIVATE_KEY"}


def g_pem(kind, sep="\n", indent=""):
    label, start, n, w = PEM_SPECS[kind]
    body = start + rs(B64, n - len(start))
    lines = [body[i:i + w] for i in range(0, len(body), w)]
    joiner = sep + indent
    return f"-----BEGIN {label}-----" + joiner + joiner.join(lines) + joiner + f"-----END {label}-----"


def pem_s(kind, sep="\n", indent=""):
    return S(PEM_TYPES[kind], g_pem(kind, sep, indent))


def g_pw(url_safe=False):
    style = R.random()
    if url_safe:
        if style < 0.5:
            return pick(WORDS) + str(R.randint(10, 9999)) + pick("!*-_.~") + pick(WORDS).lower()
        return rs(ALNUM, 1) + rs(ALNUM + "-_.~!*", R.randint(14, 26)) + rs(ALNUM, 1)
    if style < 0.45:
        return pick(WORDS) + str(R.randint(10, 9999)) + pick("!#%*&+=") + pick(WORDS).lower()
    return rs(ALNUM, 1) + rs(ALNUM + "!#%*-_.+=^", R.randint(14, 26)) + rs(ALNUM, 1)


def g_generic():
    return pick([rs(ALNUM, 32), hexs(40), hexs(64), rs(ALNUM, 48), b64bytes(32).rstrip("=")])


# --------------------------------------------------------------------------
# assignment contexts
def nm(n):
    parts = n.lower().split("_")
    return {"UP": n.upper(), "sn": n.lower(), "camel": parts[0] + "".join(p.title() for p in parts[1:]),
            "Pascal": "".join(p.title() for p in parts), "kebab": "-".join(parts), "dot": ".".join(parts)}


CTXS = ["env", "yaml", "json", "toml", "ini", "properties", "python", "js", "ts", "go", "java", "csharp",
        "terraform", "shell", "dockerfile", "gha", "compose", "helm"]


def render(ctx, pairs):
    o = []
    if ctx == "env":
        o.append(pick(["", "# .env.production\n", "# local overrides - do not commit\n"]))
        for n, v in pairs:
            q = pick(["", "", '"'])
            o += [nm(n)["UP"], "=", q, v, q, "\n"]
    elif ctx == "yaml":
        o.append(pick(["app:\n", "service:\n", "integrations:\n"]))
        for n, v in pairs:
            q = pick(["", '"', "'"])
            o += ["  ", nm(n)["sn"], ": ", q, v, q, "\n"]
    elif ctx == "json":
        o.append("{\n")
        for i, (n, v) in enumerate(pairs):
            o += ['  "', nm(n)["camel"], '": "', v, '"', "," if i < len(pairs) - 1 else "", "\n"]
        o.append("}\n")
    elif ctx == "toml":
        o.append(pick(["[credentials]\n", "[service.auth]\n", "[tool.deploy]\n"]))
        for n, v in pairs:
            o += [nm(n)["sn"], ' = "', v, '"\n']
    elif ctx == "ini":
        o.append(pick(["[default]\n", "[production]\n", "[connection]\n"]))
        for n, v in pairs:
            o += [nm(n)["sn"], " = ", v, "\n"]
    elif ctx == "properties":
        o.append("# application.properties\n")
        for n, v in pairs:
            o += ["app.", nm(n)["kebab"], "=", v, "\n"]
    elif ctx == "python":
        o.append(pick(["import os\n\n", "# settings.py\n", "import requests\n\n"]))
        for n, v in pairs:
            o += [nm(n)["UP"], ' = "', v, '"\n']
    elif ctx == "js":
        o.append("const config = {\n")
        for n, v in pairs:
            o += ["  ", nm(n)["camel"], ": '", v, "',\n"]
        o.append("};\n\nmodule.exports = config;\n")
    elif ctx == "ts":
        for n, v in pairs:
            o += ["export const ", nm(n)["camel"], ': string = "', v, '";\n']
    elif ctx == "go":
        o.append("package config\n\nconst (\n")
        for n, v in pairs:
            o += ["\t", nm(n)["Pascal"], ' = "', v, '"\n']
        o.append(")\n")
    elif ctx == "java":
        o.append("public final class Credentials {\n")
        for n, v in pairs:
            o += ["    static final String ", nm(n)["UP"], ' = "', v, '";\n']
        o.append("}\n")
    elif ctx == "csharp":
        o.append("public static class Settings\n{\n")
        for n, v in pairs:
            o += ["    public const string ", nm(n)["Pascal"], ' = "', v, '";\n']
        o.append("}\n")
    elif ctx == "terraform":
        o.append("locals {\n")
        for n, v in pairs:
            o += ["  ", nm(n)["sn"], ' = "', v, '"\n']
        o.append("}\n")
    elif ctx == "shell":
        for n, v in pairs:
            o += ["export ", nm(n)["UP"], "='", v, "'\n"]
    elif ctx == "dockerfile":
        o.append(pick(["FROM python:3.12-slim\n", "FROM node:20-alpine\n", "FROM eclipse-temurin:21-jre\n"]))
        o.append("WORKDIR /app\n")
        for n, v in pairs:
            o += ["ENV ", nm(n)["UP"], "=", v, "\n"]
        o.append("COPY . .\nCMD [\"./start.sh\"]\n")
    elif ctx == "gha":
        o.append(f"name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n")
        for n, v in pairs:
            o += ["      ", nm(n)["UP"], ": ", v, "\n"]
        o.append("    steps:\n      - uses: actions/checkout@v4\n      - run: ./scripts/deploy.sh\n")
    elif ctx == "compose":
        o.append(f"services:\n  {pick(REPOS)}:\n    image: registry.internal/{pick(REPOS)}:1.{R.randint(0, 40)}.{R.randint(0, 9)}\n    environment:\n")
        for n, v in pairs:
            o += ["      - ", nm(n)["UP"], "=", v, "\n"]
    elif ctx == "helm":
        o.append(f"# values-prod.yaml\nreplicaCount: {R.randint(2, 6)}\nimage:\n  repository: registry.internal/{pick(REPOS)}\n  tag: \"{R.randint(1, 9)}.{R.randint(0, 30)}.0\"\nsecrets:\n")
        for n, v in pairs:
            o += ["  ", nm(n)["camel"], ": \"", v, "\"\n"]
    return o


# sets of pairs for the assignment sweep
def set_aws():
    return [("aws_access_key_id", S("AWS_ACCESS_KEY_ID", g_akid())), ("aws_secret_access_key", S("AWS_SECRET_ACCESS_KEY", g_aws_secret())), ("aws_region", pick(["eu-central-1", "us-east-1", "eu-west-2"]))]


def set_stripe():
    return [("stripe_secret_key", S("STRIPE_SECRET_KEY", g_sk_live())), ("stripe_publishable_key", "pk_live_" + rs(ALNUM, 99))]


def set_openai():
    return [("openai_api_key", S("OPENAI_API_KEY", g_oai_proj())), ("openai_model", pick(["gpt-4o", "gpt-4.1-mini"]))]


def set_anthropic():
    return [("anthropic_api_key", S("ANTHROPIC_API_KEY", g_ant())), ("max_tokens", "4096")]


def set_gh():
    pre = pick(["ghp_", "ghp_", "gho_", "ghs_"])
    return [("github_token", S("GITHUB_TOKEN", g_gh(pre))), ("github_org", pick(ORGS))]


def set_gh_fg():
    return [("gh_pat", S("GITHUB_FINE_GRAINED_PAT", g_gh_fg()))]


def set_gl():
    return [("gitlab_url", "https://gitlab." + pick(ORGS) + ".com"), ("gitlab_token", S("GITLAB_TOKEN", g_gl("glpat-")))]


def set_slack():
    return [("slack_bot_token", S("SLACK_BOT_TOKEN", g_xoxb())), ("slack_channel", "#" + pick(["alerts", "deploys", "risk-ops"]))]


def set_hf():
    return [("hf_token", S("HUGGINGFACE_TOKEN", g_hf()))]


def set_twilio():
    return [("twilio_account_sid", g_twilio_sid()), ("twilio_auth_token", S("TWILIO_AUTH_TOKEN", g_twilio_token())), ("twilio_from", "+4930" + rs(DG, 7))]


def set_sendgrid():
    return [("sendgrid_api_key", S("SENDGRID_API_KEY", g_sendgrid())), ("mail_from", "noreply@" + pick(ORGS) + ".com")]


def set_npm():
    return [("npm_token", S("NPM_TOKEN", g_npm()))]


def set_dapi():
    return [("databricks_host", f"https://adb-{rs(DG, 16)}.{R.randint(1, 19)}.azuredatabricks.net"), ("databricks_token", S("DATABRICKS_TOKEN", g_dapi()))]


def set_shopify():
    return [("shopify_store", pick(ORGS) + ".myshopify.com"), ("shopify_access_token", S("SHOPIFY_ACCESS_TOKEN", g_shopify(pick(["shpat_", "shpca_", "shppa_"]))))]


def set_mailgun():
    return [("mailgun_domain", "mg." + pick(ORGS) + ".com"), ("mailgun_api_key", S("MAILGUN_API_KEY", g_mailgun()))]


def set_gcp():
    return [("google_api_key", S("GCP_API_KEY", g_gcp_key())), ("gcp_project", pick(ORGS) + "-prod-" + rs(DG, 4))]


def set_azure_ad():
    return [("azure_tenant_id", uid()), ("azure_client_id", uid()), ("azure_client_secret", S("AZURE_AD_CLIENT_SECRET", g_azure_ad()))]


def set_db_pw():
    n = pick(["db_password", "database_password", "postgres_password", "mysql_root_password", "db_pass"])
    return [("db_host", pick(HOSTS)), ("db_user", pick(USERS)), (n, S("PASSWORD", g_pw()))]


def set_generic():
    n = pick(["api_key", "secret", "token", "client_secret", "auth_token", "access_token", "secret_key", "app_secret", "signing_secret", "private_token", "apikey", "jwt_secret", "encryption_key"])
    return [("service_url", "https://api." + pick(ORGS) + ".com/v2"), (n, S("GENERIC_SECRET", g_generic()))]


def set_pypi():
    return [("pypi_token", S("PYPI_TOKEN", g_pypi()))]


def set_whsec():
    return [("stripe_webhook_secret", S("STRIPE_WEBHOOK_SECRET", g_whsec()))]


def set_sendgrid_and_twilio():
    return set_sendgrid() + set_twilio()


def set_openai_and_ant():
    return set_openai() + set_anthropic()


ASSIGN_SETS = [set_aws, set_stripe, set_openai, set_anthropic, set_gh, set_gh_fg, set_gl, set_slack, set_hf,
               set_twilio, set_sendgrid, set_npm, set_dapi, set_shopify, set_mailgun, set_gcp, set_azure_ad,
               set_db_pw, set_generic, set_pypi, set_whsec, set_sendgrid_and_twilio, set_openai_and_ant, set_generic,
               set_db_pw]

CHAT_PRE = ["why does this return 401? config below\n\n", "Here is my key, why does it 401?\n\n",
            "Can you convert this to YAML for me?\n\n", "This works locally but fails in prod, any idea?\n\n",
            "Please review this file before I push:\n\n", "Kannst du mir sagen, warum das nicht funktioniert?\n\n",
            "Pourquoi est-ce que j'obtiens une erreur 403 avec cette config ?\n\n", "Fix the indentation pls:\n\n"]


def wrap_chat(o):
    if R.random() < 0.4:
        return [pick(CHAT_PRE), "```\n", o, "```\n", pick(["", "thanks!", "Thx in advance", "It says invalid credentials."])]
    return o


# --------------------------------------------------------------------------
# specialised positive templates
def p_aws_credentials_file():
    o = ["[default]\naws_access_key_id = ", S("AWS_ACCESS_KEY_ID", g_akid()),
         "\naws_secret_access_key = ", S("AWS_SECRET_ACCESS_KEY", g_aws_secret()), "\nregion = eu-central-1\n"]
    if R.random() < 0.6:
        o += ["\n[profile prod-admin]\naws_access_key_id = ", S("AWS_ACCESS_KEY_ID", g_asia()),
              "\naws_secret_access_key = ", S("AWS_SECRET_ACCESS_KEY", g_aws_secret()),
              "\naws_session_token = ", S("AWS_SESSION_TOKEN", g_aws_session()), "\n"]
    if R.random() < 0.5:
        o += ["\n# example from the docs, ignore\n[example]\naws_access_key_id = ", AWS_EX_ID, "\naws_secret_access_key = ", AWS_EX_SECRET, "\n"]
    return [pick(["$ cat ~/.aws/credentials\n", "my ~/.aws/credentials:\n", ""]), o]


def p_aws_boto():
    return ["import boto3\n\n# docs use ", AWS_EX_ID, " as the sample id\ns3 = boto3.client(\n    \"s3\",\n    aws_access_key_id=\"",
            S("AWS_ACCESS_KEY_ID", g_akid()), "\",\n    aws_secret_access_key=\"", S("AWS_SECRET_ACCESS_KEY", g_aws_secret()),
            "\",\n    region_name=\"eu-west-1\",\n)\nprint(s3.list_buckets())\n",
            "botocore.exceptions.ClientError: An error occurred (InvalidAccessKeyId) when calling the ListBuckets operation\n"]


def p_aws_sts_json():
    exp = ts()
    return ["$ aws sts assume-role --role-arn arn:aws:iam::", rs(DG, 12), ":role/ci-deployer --role-session-name ci\n{\n    \"Credentials\": {\n        \"AccessKeyId\": \"",
            S("AWS_ACCESS_KEY_ID", g_asia()), "\",\n        \"SecretAccessKey\": \"", S("AWS_SECRET_ACCESS_KEY", g_aws_secret()),
            "\",\n        \"SessionToken\": \"", S("AWS_SESSION_TOKEN", g_aws_session()), "\",\n        \"Expiration\": \"", exp,
            "\"\n    },\n    \"AssumedRoleUser\": {\n        \"AssumedRoleId\": \"AROA", rs(UP + "234567", 17), ":ci\",\n        \"Arn\": \"arn:aws:sts::",
            rs(DG, 12), ":assumed-role/ci-deployer/ci\"\n    }\n}\n"]


def p_gcp_sa():
    proj = pick(ORGS) + "-prod-" + rs(DG, 4)
    sa = pick(["terraform", "bq-loader", "vertex-runner"])
    o = ["{\n  \"type\": \"service_account\",\n  \"project_id\": \"", proj, "\",\n  \"private_key_id\": \"", hexs(40),
         "\",\n  \"private_key\": \"", pem_s("PKCS8", "\\n"), "\\n\",\n  \"client_email\": \"", sa, "@", proj,
         ".iam.gserviceaccount.com\",\n  \"client_id\": \"", rs(DG, 21),
         "\",\n  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n  \"token_uri\": \"https://oauth2.googleapis.com/token\",\n  \"auth_provider_x509_cert_url\": \"https://www.googleapis.com/oauth2/v1/certs\",\n  \"universe_domain\": \"googleapis.com\"\n}\n"]
    if R.random() < 0.5:
        return ["google.auth.exceptions.RefreshError: ('invalid_grant: Invalid JWT Signature.')\nthis is the key file I'm using:\n", o]
    return o


def p_gcp_key_usage():
    k = S("GCP_API_KEY", g_gcp_key())
    c = cyc("p_gcp_key_usage", 3)
    if c == 0:
        return ["<!DOCTYPE html>\n<html>\n<head>\n  <title>Branch finder</title>\n  <script src=\"https://maps.googleapis.com/maps/api/js?key=", k,
                "&callback=initMap&v=weekly\" defer></script>\n</head>\n<body><div id=\"map\"></div></body>\n</html>\n"]
    if c == 1:
        return ["curl -s -X POST \"https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-pro:generateContent?key=", k,
                "\" \\\n  -H 'Content-Type: application/json' \\\n  -d '{\"contents\":[{\"parts\":[{\"text\":\"Summarise this claim\"}]}]}'\n",
                "{\n  \"error\": {\n    \"code\": 403,\n    \"message\": \"Method doesn't allow unregistered callers.\",\n    \"status\": \"PERMISSION_DENIED\"\n  }\n}\n"]
    return ["import google.generativeai as genai\n\ngenai.configure(api_key=\"", k, "\")\nmodel = genai.GenerativeModel(\"gemini-1.5-flash\")\n"]


def p_azure_storage():
    acct = pick(["stclaimsprod", "stledgerweu", "acmefinblobs", "nwdatalake01"])
    key = S("AZURE_STORAGE_ACCOUNT_KEY", g_azure_storage_key())
    cs = ["DefaultEndpointsProtocol=https;AccountName=", acct, ";AccountKey=", key, ";EndpointSuffix=core.windows.net"]
    c = cyc("p_azure_storage", 4)
    if c == 0:
        o = ["{\n  \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } },\n  \"ConnectionStrings\": {\n    \"Blob\": \"", cs, "\""]
        if True:
            o += [",\n    \"ServiceBus\": \"Endpoint=sb://", pick(ORGS), "-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=",
                  S("AZURE_SAS_KEY", g_azure_sas_key()), "\""]
        o += [",\n    \"LocalDev\": \"UseDevelopmentStorage=true\"\n  },\n  \"AllowedHosts\": \"*\"\n}\n"]
        return o
    if c == 1:
        return ["AZURE_STORAGE_CONNECTION_STRING=\"", cs, "\"\n# azurite for tests: AccountKey=", AZURITE_KEY, "\n"]
    if c == 2:
        return ["az storage blob upload --account-name ", acct, " --account-key ", key, " --container-name exports --file ./report.csv --name report.csv\n"]
    return ["var client = new BlobServiceClient(\"", cs, "\");\nvar container = client.GetBlobContainerClient(\"invoices\");\n"]


def p_azure_ad():
    c = cyc("p_azure_ad", 3)
    sec = S("AZURE_AD_CLIENT_SECRET", g_azure_ad())
    if c == 0:
        return ["provider \"azurerm\" {\n  features {}\n  subscription_id = \"", uid(), "\"\n  tenant_id       = \"", uid(),
                "\"\n  client_id       = \"", uid(), "\"\n  client_secret   = \"", sec, "\"\n}\n"]
    if c == 1:
        return ["import msal\n\napp = msal.ConfidentialClientApplication(\n    client_id=\"", uid(), "\",\n    authority=\"https://login.microsoftonline.com/",
                uid(), "\",\n    client_credential=\"", sec, "\",\n)\nresult = app.acquire_token_for_client(scopes=[\"https://graph.microsoft.com/.default\"])\n",
                "# result: {'error': 'invalid_client', 'error_description': 'AADSTS7000215: Invalid client secret provided.'}\n"]
    return ["az login --service-principal -u ", uid(), " -p ", sec, " --tenant ", uid(), "\n"]


def p_github():
    c = cyc("p_github", 7)
    o = pick(ORGS)
    r = pick(REPOS)
    if c == 0:
        return ["$ git remote -v\norigin\thttps://x-access-token:", S("GITHUB_TOKEN", g_gh("ghs_")), "@github.com/", o, "/", r, ".git (fetch)\n"]
    if c == 1:
        return ["curl -H \"Authorization: token ", S("GITHUB_TOKEN", g_gh("ghp_")), "\" https://api.github.com/repos/", o, "/", r,
                "/pulls?state=open\n{\n  \"message\": \"Bad credentials\",\n  \"documentation_url\": \"https://docs.github.com/rest\",\n  \"status\": \"401\"\n}\n"]
    if c == 2:
        return ["from github import Github\n\ng = Github(\"", S("GITHUB_TOKEN", g_gh("ghp_")), "\")\nrepo = g.get_repo(\"", o, "/", r,
                "\")\nfor pr in repo.get_pulls(state=\"open\"):\n    print(pr.number, pr.title, pr.head.sha)\n"]
    if c == 3:
        return ["HTTP/1.1 200 OK\nContent-Type: application/json; charset=utf-8\nX-GitHub-Request-Id: ", rs(UP + DG, 4), ":", rs(UP + DG, 5), ":", rs(UP + DG, 7),
                "\n\n{\n  \"access_token\": \"", S("GITHUB_TOKEN", g_gh("ghu_")), "\",\n  \"expires_in\": 28800,\n  \"refresh_token\": \"",
                S("GITHUB_REFRESH_TOKEN", g_gh("ghr_")), "\",\n  \"refresh_token_expires_in\": 15811200,\n  \"scope\": \"\",\n  \"token_type\": \"bearer\"\n}\n"]
    if c == 4:
        return ["# .env\nGITHUB_PAT=", S("GITHUB_FINE_GRAINED_PAT", g_gh_fg()), "\nGITHUB_REPO=", o, "/", r, "\n"]
    if c == 5:
        return ["echo ", S("GITHUB_TOKEN", g_gh("gho_")), " | gh auth login --with-token\ngh pr list --repo ", o, "/", r, "\n"]
    return ["//npm.pkg.github.com/:_authToken=", S("GITHUB_TOKEN", g_gh("ghp_")), "\n@", o, ":registry=https://npm.pkg.github.com\n"]


def p_gitlab():
    c = cyc("p_gitlab", 5)
    o = pick(ORGS)
    if c == 0:
        return ["git clone https://oauth2:", S("GITLAB_TOKEN", g_gl("glpat-")), "@gitlab.", o, ".com/platform/", pick(REPOS), ".git\nCloning into '", pick(REPOS), "'...\nremote: HTTP Basic: Access denied\n"]
    if c == 1:
        return ["sudo gitlab-runner register \\\n  --non-interactive \\\n  --url \"https://gitlab.", o, ".com/\" \\\n  --token \"",
                S("GITLAB_RUNNER_TOKEN", g_gl("glrt-")), "\" \\\n  --executor \"docker\" \\\n  --docker-image alpine:3.20 \\\n  --description \"docker-runner-", rs(DG, 2), "\"\n"]
    if c == 2:
        return ["curl -X POST \\\n  --fail \\\n  -F token=", S("GITLAB_PIPELINE_TRIGGER_TOKEN", g_gl("glptt-")), " \\\n  -F ref=main \\\n  https://gitlab.", o, ".com/api/v4/projects/", rs(DG, 4), "/trigger/pipeline\n"]
    if c == 3:
        return ["docker login registry.gitlab.", o, ".com -u gitlab+deploy-token-", rs(DG, 3), " -p ", S("GITLAB_DEPLOY_TOKEN", g_gl("gldt-")), "\n"]
    return ["# config/initializers/omniauth.rb\nconfig.omniauth :gitlab, '", hexs(64), "', '",
            S("GITLAB_OAUTH_APP_SECRET", g_gl("gloas-")), "', client_options: { site: 'https://gitlab.", o, ".com/api/v4' }\n"]


def p_gitlab_ci():
    return ["# .gitlab-ci.yml\nstages: [build, release]\n\nvariables:\n  DOCKER_DRIVER: overlay2\n  GITLAB_API_TOKEN: \"", S("GITLAB_TOKEN", g_gl("glpat-")),
            "\"\n  CI_REGISTRY_IMAGE: $CI_REGISTRY/platform/", pick(REPOS), "\n\nrelease:\n  stage: release\n  image: registry.gitlab.com/gitlab-org/release-cli:latest\n  script:\n    - echo \"releasing $CI_COMMIT_SHA\"\n    - 'curl --header \"PRIVATE-TOKEN: $GITLAB_API_TOKEN\" \"$CI_API_V4_URL/projects/$CI_PROJECT_ID/releases\"'\n"]


def p_slack():
    c = cyc("p_slack", 5)
    if c == 0:
        return ["from slack_sdk import WebClient\n\nclient = WebClient(token=\"", S("SLACK_BOT_TOKEN", g_xoxb()),
                "\")\nresp = client.chat_postMessage(channel=\"C0", rs(UP + DG, 8), "\", text=\"Nightly reconciliation finished\")\n",
                "slack_sdk.errors.SlackApiError: The request to the Slack API failed. (url: https://www.slack.com/api/chat.postMessage)\nThe server responded with: {'ok': False, 'error': 'invalid_auth'}\n"]
    if c == 1:
        return ["import os\nfrom slack_bolt import App\nfrom slack_bolt.adapter.socket_mode import SocketModeHandler\n\napp = App(token=\"", S("SLACK_BOT_TOKEN", g_xoxb()),
                "\")\n\n@app.event(\"app_mention\")\ndef hello(event, say):\n    say(f\"hi <@{event['user']}>\")\n\nif __name__ == \"__main__\":\n    SocketModeHandler(app, \"",
                S("SLACK_APP_TOKEN", g_xapp()), "\").start()\n"]
    if c == 2:
        return ["      - name: Notify Slack\n        if: failure()\n        run: |\n          curl -X POST -H 'Content-type: application/json' \\\n            --data '{\"text\":\"Deploy of ${{ github.sha }} failed\"}' \\\n            ",
                S("SLACK_WEBHOOK_URL", g_slack_hook()), "\n"]
    if c == 3:
        return ["curl -s -H \"Authorization: Bearer ", S("SLACK_USER_TOKEN", g_xoxp()), "\" \"https://slack.com/api/conversations.history?channel=C0", rs(UP + DG, 8), "&limit=200\"\n"]
    return ["# alertmanager.yml\nroute:\n  receiver: slack-critical\nreceivers:\n  - name: slack-critical\n    slack_configs:\n      - api_url: '", S("SLACK_WEBHOOK_URL", g_slack_hook()),
            "'\n        channel: '#risk-alerts'\n        send_resolved: true\n        title: '{{ .CommonLabels.alertname }}'\n"]


def p_stripe():
    c = cyc("p_stripe", 5)
    if c == 0:
        return ["// server.js\nconst stripe = require('stripe')('", S("STRIPE_SECRET_KEY", g_sk_live()), "');\n// publishable key used in checkout.html: pk_live_",
                rs(ALNUM, 99), "\n\napp.post('/create-payment-intent', async (req, res) => {\n  const pi = await stripe.paymentIntents.create({ amount: req.body.amount, currency: 'eur' });\n  res.json({ clientSecret: pi.client_secret });\n});\n"]
    if c == 1:
        return ["STRIPE_RESTRICTED_KEY=", S("STRIPE_RESTRICTED_KEY", g_rk_live()), "\nSTRIPE_WEBHOOK_SECRET=", S("STRIPE_WEBHOOK_SECRET", g_whsec()), "\nSTRIPE_ACCOUNT=acct_", rs(ALNUM, 16), "\n"]
    if c == 2:
        return ["import stripe\n\n# the docs snippet used ", STRIPE_EX_SK, ", I replaced it with ours\nstripe.api_key = \"", S("STRIPE_SECRET_KEY", g_sk_live()),
                "\"\ncustomers = stripe.Customer.list(limit=3)\n"]
    if c == 3:
        return ["import stripe\nstripe.api_key = \"", S("STRIPE_TEST_SECRET_KEY", g_sk_test()), "\"  # test mode\n\nevent = stripe.Webhook.construct_event(payload, sig_header, \"",
                S("STRIPE_WEBHOOK_SECRET", g_whsec()), "\")\n"]
    return ["curl https://api.stripe.com/v1/charges \\\n  -u ", S("STRIPE_SECRET_KEY", g_sk_live()), ": \\\n  -d amount=2000 \\\n  -d currency=chf \\\n  -d source=tok_visa\n"]


def p_openai():
    c = cyc("p_openai", 6)
    if c == 0:
        return ["here is my key, why does it 401?\n\nfrom openai import OpenAI\nclient = OpenAI(api_key=\"", S("OPENAI_API_KEY", g_oai_proj()),
                "\")\nresp = client.chat.completions.create(model=\"gpt-4o\", messages=[{\"role\": \"user\", \"content\": \"hi\"}])\n\nopenai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}\n"]
    if c == 1:
        return ["curl https://api.openai.com/v1/chat/completions \\\n  -H \"Content-Type: application/json\" \\\n  -H \"Authorization: Bearer ", S("OPENAI_API_KEY", g_oai_proj()),
                "\" \\\n  -d '{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"ping\"}]}'\n"]
    if c == 2:
        return ["from langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(model=\"gpt-4o\", temperature=0, openai_api_key=\"", S("OPENAI_API_KEY", g_oai_legacy()), "\")\n"]
    if c == 3:
        return ["OPENAI_API_KEY=", S("OPENAI_API_KEY", g_oai_svc()), "\nOPENAI_ORG_ID=org-", rs(ALNUM, 24), "\nOPENAI_PROJECT_ID=proj_", rs(ALNUM, 24), "\n"]
    if c == 4:
        return ["Hi, my colleague gave me this key: ", S("OPENAI_API_KEY", g_oai_proj()), " - is it still valid? It worked yesterday."]
    return ["const openai = new OpenAI({\n  apiKey: process.env.OPENAI_API_KEY ?? \"", S("OPENAI_API_KEY", g_oai_proj()), "\",\n});\n"]


def p_anthropic():
    c = cyc("p_anthropic", 4)
    if c == 0:
        return ["import anthropic\n\nclient = anthropic.Anthropic(api_key=\"", S("ANTHROPIC_API_KEY", g_ant()),
                "\")\nmsg = client.messages.create(model=\"claude-sonnet-4-5\", max_tokens=1024, messages=[{\"role\": \"user\", \"content\": \"Summarise the KYC file\"}])\n"]
    if c == 1:
        return ["curl https://api.anthropic.com/v1/messages \\\n  -H \"x-api-key: ", S("ANTHROPIC_API_KEY", g_ant()),
                "\" \\\n  -H \"anthropic-version: 2023-06-01\" \\\n  -H \"content-type: application/json\" \\\n  -d '{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}'\n",
                "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},\"request_id\":\"req_", rs(ALNUM, 24), "\"}\n"]
    if c == 2:
        return ["ANTHROPIC_API_KEY=", S("ANTHROPIC_API_KEY", g_ant()), "\nANTHROPIC_MODEL=claude-sonnet-4-5\nLOG_LEVEL=debug\n"]
    return ["Warum bekomme ich 'invalid x-api-key'? Mein Schlüssel ist ", S("ANTHROPIC_API_KEY", g_ant()), " und ich habe ihn gerade erst erstellt."]


def p_hf():
    c = cyc("p_hf", 3)
    t = S("HUGGINGFACE_TOKEN", g_hf())
    if c == 0:
        return ["$ huggingface-cli login --token ", t, "\nToken is valid (permission: write).\nYour token has been saved to /home/dev/.cache/huggingface/token\n"]
    if c == 1:
        return ["from transformers import AutoModelForCausalLM\n\nmodel = AutoModelForCausalLM.from_pretrained(\n    \"meta-llama/Llama-3.1-8B-Instruct\",\n    token=\"", t, "\",\n    device_map=\"auto\",\n)\n"]
    return ["from huggingface_hub import login\nlogin(\"", t, "\")\n"]


def p_twilio():
    c = cyc("p_twilio", 3)
    sid = g_twilio_sid()
    tok = S("TWILIO_AUTH_TOKEN", g_twilio_token())
    if c == 0:
        return ["from twilio.rest import Client\n\naccount_sid = \"", sid, "\"\nauth_token = \"", tok, "\"\nclient = Client(account_sid, auth_token)\nmessage = client.messages.create(body=\"Your OTP is 482913\", from_=\"+15017122661\", to=\"+41791234567\")\n"]
    if c == 1:
        return ["curl -X POST https://api.twilio.com/2010-04-01/Accounts/", sid, "/Messages.json \\\n  --data-urlencode \"Body=Test\" \\\n  --data-urlencode \"To=+491701234567\" \\\n  -u ", sid, ":", tok, "\n"]
    return ["TWILIO_ACCOUNT_SID=", sid, "\nTWILIO_AUTH_TOKEN=", tok, "\nTWILIO_VERIFY_SID=VA", hexs(32), "\n"]


def p_sendgrid():
    c = cyc("p_sendgrid", 3)
    k = S("SENDGRID_API_KEY", g_sendgrid())
    if c == 0:
        return ["const sgMail = require('@sendgrid/mail');\nsgMail.setApiKey('", k, "');\nawait sgMail.send({ to: user.email, from: 'noreply@", pick(ORGS), ".com', subject: 'Statement ready', text: 'Your statement is ready.' });\n"]
    if c == 1:
        return ["curl --request POST \\\n  --url https://api.sendgrid.com/v3/mail/send \\\n  --header 'Authorization: Bearer ", k, "' \\\n  --header 'Content-Type: application/json'\n"]
    return ["spring.sendgrid.api-key=", k, "\nspring.mail.host=smtp.sendgrid.net\n"]


def p_npm():
    c = cyc("p_npm", 3)
    t = S("NPM_TOKEN", g_npm())
    if c == 0:
        return ["$ cat ~/.npmrc\n//registry.npmjs.org/:_authToken=", t, "\nfund=false\n"]
    if c == 1:
        return ["# .yarnrc.yml\nnodeLinker: node-modules\nnpmRegistryServer: \"https://registry.npmjs.org\"\nnpmAuthToken: \"", t, "\"\n"]
    return ["Run npm publish --access public\nnpm notice Publishing to https://registry.npmjs.org/ with tag latest\nnpm ERR! code E403\nnpm ERR! 403 403 Forbidden - PUT https://registry.npmjs.org/@", pick(ORGS), "%2futils\n",
            "npm ERR! debug: NODE_AUTH_TOKEN=", t, "\n"]


def p_pypi():
    c = cyc("p_pypi", 3)
    t = S("PYPI_TOKEN", g_pypi())
    if c == 0:
        return ["[distutils]\nindex-servers =\n    pypi\n\n[pypi]\nusername = __token__\npassword = ", t, "\n"]
    if c == 1:
        return ["$ twine upload -u __token__ -p ", t, " dist/*\nUploading distributions to https://upload.pypi.org/legacy/\nERROR    HTTPError: 403 Forbidden\n"]
    return ["      - name: Publish\n        env:\n          TWINE_USERNAME: __token__\n          TWINE_PASSWORD: ", t, "\n        run: twine upload dist/*\n"]


def p_databricks():
    c = cyc("p_databricks", 3)
    host = f"https://adb-{rs(DG, 16)}.{R.randint(1, 19)}.azuredatabricks.net"
    t = S("DATABRICKS_TOKEN", g_dapi())
    if c == 0:
        return ["$ cat ~/.databrickscfg\n[DEFAULT]\nhost  = ", host, "\ntoken = ", t, "\n"]
    if c == 1:
        return ["from databricks.sdk import WorkspaceClient\n\nw = WorkspaceClient(host=\"", host, "\", token=\"", t, "\")\nfor c in w.clusters.list():\n    print(c.cluster_name)\n"]
    return ["provider \"databricks\" {\n  host  = \"", host, "\"\n  token = \"", t, "\"\n}\n"]


def p_shopify():
    c = cyc("p_shopify", 3)
    shop = pick(ORGS) + ".myshopify.com"
    if c == 0:
        return ["curl -X GET \"https://", shop, "/admin/api/2024-07/orders.json?status=any\" \\\n  -H \"X-Shopify-Access-Token: ", S("SHOPIFY_ACCESS_TOKEN", g_shopify("shpat_")), "\"\n"]
    if c == 1:
        return ["SHOPIFY_API_KEY=", hexs(32), "\nSHOPIFY_API_SECRET=", S("SHOPIFY_SHARED_SECRET", g_shopify("shpss_")), "\nSHOPIFY_ADMIN_TOKEN=", S("SHOPIFY_ACCESS_TOKEN", g_shopify("shpat_")), "\nSHOP=", shop, "\n"]
    return ["session = shopify.Session(\"", shop, "\", \"2024-07\", \"", S("SHOPIFY_ACCESS_TOKEN", g_shopify(pick(["shpca_", "shppa_"]))), "\")\nshopify.ShopifyResource.activate_session(session)\n"]


def p_mailgun():
    c = cyc("p_mailgun", 2)
    k = S("MAILGUN_API_KEY", g_mailgun())
    d = "mg." + pick(ORGS) + ".com"
    if c == 0:
        return ["requests.post(\n    \"https://api.eu.mailgun.net/v3/", d, "/messages\",\n    auth=(\"api\", \"", k, "\"),\n    data={\"from\": \"Alerts <alerts@", d, ">\", \"to\": [\"ops@", d, "\"], \"subject\": \"Hello\", \"text\": \"Test\"},\n)\n"]
    return ["curl -s --user 'api:", k, "' \\\n  https://api.mailgun.net/v3/", d, "/messages \\\n  -F from='Excited User <mailgun@", d, ">' \\\n  -F to=ops@", d, " \\\n  -F subject='Hello'\n"]


def p_jwt():
    c = cyc("p_jwt", 5)
    j = S("JWT", g_jwt())
    host = "api." + pick(ORGS) + ".com"
    rid = uid()
    if c == 0:
        return ["GET /v1/accounts/", rs(DG, 8), "/transactions?from=2026-10-01 HTTP/1.1\nHost: ", host, "\nAuthorization: Bearer ", j,
                "\nAccept: application/json\nX-Request-ID: ", rid, "\nUser-Agent: okhttp/4.12.0\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The token expired\"\n"]
    if c == 1:
        return ["curl -H \"Authorization: Bearer ", j, "\" https://", host, "/v2/claims/", rs(DG, 6), "\n"]
    if c == 2:
        return ["const res = await axios.get(`https://", host, "/me`, {\n  headers: { Authorization: 'Bearer ", j, "' },\n});\n"]
    if c == 3:
        return [ts(), " DEBUG o.s.w.f.CommonsRequestLoggingFilter - Before request [GET /api/portfolio, headers=[authorization:\"Bearer ", j, "\", x-correlation-id:\"", rid, "\"]]\n"]
    return ["{\n  \"id\": \"", uid(), "\",\n  \"name\": \"prod\",\n  \"values\": [\n    { \"key\": \"baseUrl\", \"value\": \"https://", host, "\", \"enabled\": true },\n    { \"key\": \"accessToken\", \"value\": \"", j,
            "\", \"enabled\": true }\n  ],\n  \"_postman_variable_scope\": \"environment\"\n}\n"]


def p_kubeconfig_token():
    return ["apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t", rs(B64, 120), "\n    server: https://", ip(), ":6443\n  name: prod\ncontexts:\n- context:\n    cluster: prod\n    user: ci-bot\n  name: prod\ncurrent-context: prod\nusers:\n- name: ci-bot\n  user:\n    token: ",
            S("JWT", g_jwt("RS256")), "\n"]


def p_pem():
    c = cyc("p_pem", 7)
    if c == 0:
        return ["my ssh key stopped working after the upgrade, `ssh -i id_rsa` says invalid format:\n\n", pem_s("RSA"), "\n"]
    if c == 1:
        return ["$ cat ~/.ssh/id_ed25519\n", pem_s("OPENSSH"), "\n$ ssh-add ~/.ssh/id_ed25519\nError loading key \"/home/dev/.ssh/id_ed25519\": invalid format\n"]
    if c == 2:
        return ["apiVersion: v1\nkind: Secret\nmetadata:\n  name: ingress-tls\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: |\n    -----BEGIN CERTIFICATE-----\n    MIIB", rs(B64, 60), "\n    ", rs(B64, 64), "\n    -----END CERTIFICATE-----\n  tls.key: |\n    ",
                pem_s("EC", "\n", "    "), "\n"]
    if c == 3:
        return ["resource \"tls_self_signed_cert\" \"internal\" {\n  private_key_pem = <<EOT\n", pem_s("PKCS8"), "\nEOT\n  validity_period_hours = 8760\n}\n"]
    if c == 4:
        return ["# the key is protected with passphrase ", S("PASSWORD", g_pw()), "\n", pem_s("ENCRYPTED"), "\n"]
    if c == 5:
        return ["String pem = \"", pem_s("PKCS8", "\\n"), "\";\nPrivateKey key = PemUtils.parsePrivateKey(pem);\n"]
    return ["ansible_ssh_private_key: |\n  ", pem_s("RSA", "\n", "  "), "\nansible_user: deploy\n"]


def db_url(scheme=None):
    scheme = scheme or pick(["postgres", "postgresql", "mysql", "mongodb+srv", "redis", "rediss", "amqp", "amqps", "postgresql+psycopg2", "mysql+pymysql"])
    pw = S("DB_URL_PASSWORD", g_pw(url_safe=True))
    u = pick(USERS)
    if scheme.startswith("redis"):
        if R.random() < 0.5:
            return [scheme, "://:", pw, "@", pick(HOSTS), ":6379/0"]
        return [scheme, "://default:", pw, "@", pick(HOSTS), ":6380/1"]
    if scheme.startswith("amqp"):
        return [scheme, "://", u, ":", pw, "@", pick(HOSTS), ":5672/", pick(["%2F", "prod", "orders"])]
    if scheme == "mongodb+srv":
        return [scheme, "://", u, ":", pw, "@", pick(HOSTS), "/", pick(["claims", "ledger"]), "?retryWrites=true&w=majority"]
    port = "3306" if "mysql" in scheme else "5432"
    return [scheme, "://", u, ":", pw, "@", pick(HOSTS), ":", port, "/", pick(["orders", "ledger", "kyc", "app"]), pick(["", "?sslmode=require", "?sslmode=verify-full"])]


def p_db_url():
    c = cyc("p_db_url", 7)
    if c == 0:
        return ["DATABASE_URL=", db_url(pick(["postgres", "postgresql", "mysql"])), "\nREDIS_URL=", db_url("redis"), "\n"]
    if c == 1:
        return ["from sqlalchemy import create_engine\nengine = create_engine(\"", db_url(pick(["postgresql+psycopg2", "mysql+pymysql"])), "\", pool_pre_ping=True)\n"]
    if c == 2:
        return ["CELERY_BROKER_URL = \"", db_url("amqp"), "\"\nCELERY_RESULT_BACKEND = \"", db_url("redis"), "\"\n"]
    if c == 3:
        return ["const client = new MongoClient(\"", db_url("mongodb+srv"), "\");\nawait client.connect();\n",
                "MongoServerError: bad auth : Authentication failed.\n    at Connection.onMessage (node_modules/mongodb/lib/cmap/connection.js:202:26)\n"]
    if c == 4:
        pw = S("DB_URL_PASSWORD", g_pw(url_safe=True))
        return ["spring.datasource.url=jdbc:postgresql://", pick(HOSTS), ":5432/ledger?user=", pick(USERS), "&password=", pw, "&ssl=true\nspring.jpa.hibernate.ddl-auto=validate\n"]
    if c == 5:
        return ["psycopg2.OperationalError: connection to server at \"", pick(HOSTS), "\" (", ip(), "), port 5432 failed: FATAL:  password authentication failed for user \"", pick(USERS),
                "\"\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File \"/app/worker.py\", line 41, in <module>\n    conn = connect(\"", db_url("postgresql"), "\")\n"]
    return ["  worker:\n    image: registry.internal/kyc-worker:2.3.1\n    environment:\n      AMQP_URL: ", db_url("amqps"), "\n      CACHE_URL: ", db_url("rediss"), "\n      MONGO_URI: ", db_url("mongodb+srv"), "\n"]


def p_password_assign():
    c = cyc("p_password_assign", 12)
    pw = S("PASSWORD", g_pw())
    if c == 0:
        return ["DATABASES = {\n    \"default\": {\n        \"ENGINE\": \"django.db.backends.postgresql\",\n        \"NAME\": \"claims\",\n        \"USER\": \"", pick(USERS), "\",\n        \"PASSWORD\": \"", pw, "\",\n        \"HOST\": \"", pick(HOSTS), "\",\n        \"PORT\": \"5432\",\n    }\n}\n"]
    if c == 1:
        return ["spring:\n  datasource:\n    url: jdbc:mysql://", pick(HOSTS), ":3306/ledger\n    username: ", pick(USERS), "\n    password: ", pw, "\n"]
    if c == 2:
        return ["<servers>\n  <server>\n    <id>nexus-releases</id>\n    <username>", pick(USERS), "</username>\n    <password>", pw, "</password>\n  </server>\n</servers>\n"]
    if c == 3:
        return ["define( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp_", rs(LO, 5), "' );\ndefine( 'DB_PASSWORD', '", S("PASSWORD", g_pw(url_safe=True)), "' );\ndefine( 'DB_HOST', 'localhost' );\n"]
    if c == 4:
        return ["[mysqld]\n\n[client]\nuser=root\npasswd: ", pw, "\nhost=127.0.0.1\n"]
    if c == 5:
        return ["{\n  \"server\": \"", pick(HOSTS), "\",\n  \"uid\": \"", pick(USERS), "\",\n  \"pwd\": \"", pw, "\",\n  \"database\": \"Ledger\"\n}\n"]
    if c == 6:
        return ["all:\n  vars:\n    ansible_user: deploy\n    ansible_become_pass: \"", pw, "\"\n  hosts:\n    app01.prod.internal:\n"]
    if c == 7:
        return ["var conn = new SqlConnection(\"Server=", pick(HOSTS), ";Database=Ledger;User Id=", pick(USERS), ";Password=", S("PASSWORD", g_pw(url_safe=True)), ";Encrypt=True;\");\n"]
    if c == 8:
        return [pick(HOSTS), ":5432:*:", pick(USERS), ":", S("PASSWORD", g_pw(url_safe=True)), "\n"]
    if c == 9:
        return ["db := sql.Open(\"mysql\", \"", pick(USERS), ":", S("DB_URL_PASSWORD", g_pw(url_safe=True)), "@tcp(", pick(HOSTS), ":3306)/orders?parseTime=true\")\n"]
    if c == 10:
        return ["keystore.password=", pw, "\nkeystore.path=/etc/app/keystore.p12\ntruststore.password=changeit\n"]
    return ["ldap:\n  url: ldaps://ldap.corp.local:636\n  bind_dn: cn=svc-portal,ou=services,dc=corp,dc=local\n  bind_password: '", pw, "'\n"]


def p_basic_auth():
    c = cyc("p_basic_auth", 5)
    u = pick(USERS)
    pw = S("BASIC_AUTH_PASSWORD", g_pw(url_safe=True))
    if c == 0:
        return ["curl -u ", u, ":", pw, " https://jenkins.", pick(ORGS), ".com/job/", pick(REPOS), "/buildWithParameters -X POST\n"]
    if c == 1:
        return ["pip install --index-url https://", u, ":", pw, "@nexus.", pick(ORGS), ".com/repository/pypi-internal/simple/ risk-models==3.2.0\n"]
    if c == 2:
        return ["[global]\nindex-url = https://", u, ":", pw, "@artifactory.", pick(ORGS), ".com/api/pypi/pypi-remote/simple\ntrusted-host = artifactory.", pick(ORGS), ".com\n"]
    if c == 3:
        return ["Exception in thread \"main\" java.io.IOException: Server returned HTTP response code: 401 for URL: https://", u, ":", pw, "@repo.", pick(ORGS), ".com/artifactory/libs-release/com/acme/core/1.4.2/core-1.4.2.pom\n\tat sun.net.www.protocol.http.HttpURLConnection.getInputStream0(HttpURLConnection.java:2000)\n\tat org.apache.maven.wagon.providers.http.HttpWagon.fillInputData(HttpWagon.java:118)\n"]
    return ["requests.get(\"https://grafana.", pick(ORGS), ".com/api/dashboards/home\", auth=(\"", u, "\", \"", S("PASSWORD", g_pw()), "\"))\n"]


def p_http_basic_header():
    u = pick(USERS)
    pw = g_pw(url_safe=True)
    cred = base64.b64encode(f"{u}:{pw}".encode()).decode()
    return ["POST /service/rest/v1/components?repository=maven-releases HTTP/1.1\nHost: nexus.", pick(ORGS), ".com\nAuthorization: Basic ", S("HTTP_BASIC_AUTH_B64", cred),
            "\nContent-Type: multipart/form-data; boundary=----", rs(ALNUM, 16), "\nX-Request-Id: ", uid(), "\n\nHTTP/1.1 403 Forbidden\n"]


def p_netrc():
    o = ["$ cat ~/.netrc\nmachine api.heroku.com\n  login ", pick(USERS), "@", pick(ORGS), ".com\n  password ", S("PASSWORD", uid() if R.random() < 0.3 else g_pw(url_safe=True)), "\n"]
    if R.random() < 0.6:
        o += ["machine github.com login ", pick(USERS), " password ", S("GITHUB_TOKEN", g_gh("ghp_")), "\n"]
    return o


def p_docker_login():
    c = cyc("p_docker_login", 3)
    if c == 0:
        return ["$ docker login -u ", pick(USERS), " -p ", S("PASSWORD", g_pw(url_safe=True)), " registry.", pick(ORGS), ".com\nWARNING! Using --password via the CLI is insecure. Use --password-stdin.\nLogin Succeeded\n"]
    if c == 1:
        return ["RUN docker login --username ", pick(USERS), " --password ", S("PASSWORD", g_pw(url_safe=True)), " ", pick(ORGS), ".azurecr.io\n"]
    return ["{\n  \"auths\": {\n    \"registry.", pick(ORGS), ".com\": {\n      \"auth\": \"", S("HTTP_BASIC_AUTH_B64", base64.b64encode(f"{pick(USERS)}:{g_pw(url_safe=True)}".encode()).decode()), "\"\n    }\n  }\n}\n"]


def k8s_b64(s):
    return base64.b64encode(s.encode()).decode()


def p_k8s_secret():
    c = cyc("p_k8s_secret", 3)
    name = pick(["db-credentials", "payments-api-secrets", "kyc-worker-env"])
    if c == 0:
        return ["apiVersion: v1\nkind: Secret\nmetadata:\n  name: ", name, "\n  namespace: prod\ntype: Opaque\ndata:\n  username: ", k8s_b64(pick(USERS)), "\n  password: ",
                S("K8S_SECRET_B64", k8s_b64(g_pw())), "\n  host: ", k8s_b64(pick(HOSTS)), "\n"]
    if c == 1:
        return ["$ kubectl get secret ", name, " -n prod -o yaml\napiVersion: v1\ndata:\n  API_TOKEN: ", S("K8S_SECRET_B64", k8s_b64(g_generic())), "\n  STRIPE_KEY: ",
                S("K8S_SECRET_B64", k8s_b64(g_sk_live())), "\n  LOG_LEVEL: ", k8s_b64("info"), "\nkind: Secret\nmetadata:\n  creationTimestamp: \"", ts()[:19], "Z\"\n  name: ", name, "\n  namespace: prod\n  resourceVersion: \"", rs(DG, 8), "\"\n  uid: ", uid(), "\ntype: Opaque\n"]
    return ["apiVersion: v1\nkind: Secret\nmetadata:\n  name: ", name, "\ntype: Opaque\nstringData:\n  DB_USER: ", pick(USERS), "\n  DB_PASSWORD: \"", S("PASSWORD", g_pw()), "\"\n  SENDGRID_API_KEY: ",
            S("SENDGRID_API_KEY", g_sendgrid()), "\n"]


def p_generic():
    c = cyc("p_generic", 6)
    v = S("GENERIC_SECRET", g_generic())
    if c == 0:
        return ["headers = {\"X-API-Key\": \"", v, "\", \"Accept\": \"application/json\"}\nr = requests.get(\"https://partner.", pick(ORGS), ".com/v1/quotes\", headers=headers, timeout=10)\n"]
    if c == 1:
        return ["app.config['SECRET_KEY'] = '", v, "'\napp.config['SESSION_COOKIE_SECURE'] = True\n"]
    if c == 2:
        return ["auth:\n  oidc:\n    issuer: https://login.", pick(ORGS), ".com\n    client_id: portal-web\n    client_secret: ", v, "\n"]
    if c == 3:
        return ["var client = new RestClient(\"https://api.", pick(ORGS), ".com\");\nclient.AddDefaultHeader(\"api_key\", \"", v, "\");\n"]
    if c == 4:
        return ["func main() {\n\tapiToken := \"", v, "\"\n\treq, _ := http.NewRequest(\"GET\", \"https://risk.", pick(ORGS), ".com/score\", nil)\n\treq.Header.Set(\"X-Auth-Token\", apiToken)\n}\n"]
    return ["jwt:\n  secret: \"", v, "\"\n  expiration: 3600\n  issuer: ", pick(ORGS), "\n"]


def p_shell_history():
    lines = []
    n = R.randint(480, 990)
    cmds = [
        ["cd ~/src/", pick(REPOS)],
        ["git pull --rebase"],
        ["export OPENAI_API_KEY=", S("OPENAI_API_KEY", g_oai_proj())],
        ["mysql -h ", pick(HOSTS), " -u root -p", S("PASSWORD", g_pw(url_safe=True)), " ledger < dump.sql"],
        ["PGPASSWORD='", S("PASSWORD", g_pw(url_safe=True)), "' psql -h ", pick(HOSTS), " -U ", pick(USERS), " -d claims"],
        ["kubectl -n prod get pods"],
        ["curl -H \"Authorization: Bearer ", S("JWT", g_jwt()), "\" https://api.", pick(ORGS), ".com/health"],
        ["export AWS_ACCESS_KEY_ID=", S("AWS_ACCESS_KEY_ID", g_akid())],
        ["export AWS_SECRET_ACCESS_KEY=", S("AWS_SECRET_ACCESS_KEY", g_aws_secret())],
        ["sshpass -p '", S("PASSWORD", g_pw(url_safe=True)), "' ssh deploy@", ip()],
        ["history | grep docker"],
        ["docker ps -a"],
        ["vim ~/.bashrc"],
        ["git log --oneline -5"],
    ]
    R.shuffle(cmds)
    for cmd in cmds[:R.randint(6, 10)]:
        lines += [f"{n:5d}  ", cmd, "\n"]
        n += R.randint(1, 4)
    return lines


def p_ci_log():
    t0 = R.randint(10, 50)
    o = [f"2026-11-{R.randint(1, 26):02d}T10:{t0}:01.1234567Z ##[group]Run ./gradlew publish\n",
         "2026-11-02T10:", str(t0), ":01.1241001Z env:\n",
         "2026-11-02T10:", str(t0), ":01.1241234Z   JAVA_HOME: /opt/hostedtoolcache/Java_Temurin-Hotspot_jdk/21.0.5-11/x64\n",
         "2026-11-02T10:", str(t0), ":01.1241567Z   ORG_GRADLE_PROJECT_signingPassword: ***\n",
         "2026-11-02T10:", str(t0), ":01.1241890Z ##[endgroup]\n",
         "2026-11-02T10:", str(t0), ":05.0000001Z > Task :publish\n",
         "2026-11-02T10:", str(t0), ":05.3000001Z [debug] using SONAR_TOKEN=", S("GENERIC_SECRET", "sqp_" + hexs(40)), "\n",
         "2026-11-02T10:", str(t0), ":06.0000001Z [debug] registry auth: NPM_TOKEN=", S("NPM_TOKEN", g_npm()), "\n",
         "2026-11-02T10:", str(t0), ":06.4000001Z Publishing build scan...\n",
         "2026-11-02T10:", str(t0), ":06.5000001Z https://gradle.com/s/", rs(LO + DG, 13), "\n",
         "2026-11-02T10:", str(t0), ":07.0000001Z commit ", hexs(40), "\n"]
    return o


def p_stack_trace():
    c = cyc("p_stack_trace", 3)
    if c == 0:
        return ["Traceback (most recent call last):\n  File \"/srv/app/payments/client.py\", line 88, in charge\n    resp = self.session.post(url, headers=headers, json=body)\n  File \"/usr/local/lib/python3.12/site-packages/requests/sessions.py\", line 637, in post\n    return self.request(\"POST\", url, data=data, json=json, **kwargs)\nrequests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.stripe.com/v1/payment_intents\n\nLocal variables in charge():\n  headers = {'Authorization': 'Bearer ",
                S("STRIPE_SECRET_KEY", g_sk_live()), "', 'Idempotency-Key': '", uid(), "'}\n  body = {'amount': 1299, 'currency': 'eur'}\n"]
    if c == 1:
        return ["org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'dataSource': Failed to connect to jdbc:postgresql://", pick(HOSTS), ":5432/ledger?user=", pick(USERS), "&password=",
                S("DB_URL_PASSWORD", g_pw(url_safe=True)), "\n\tat org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.initializeBean(AbstractAutowireCapableBeanFactory.java:1806)\n\tat org.springframework.beans.factory.support.AbstractBeanFactory.getBean(AbstractBeanFactory.java:205)\nCaused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"", pick(USERS), "\"\n\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)\n"]
    return ["Unhandled exception. System.Net.Http.HttpRequestException: Response status code does not indicate success: 403 (Forbidden).\n   at System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode()\n   at Ledger.Sync.BlobExporter.ExportAsync(String connectionString) in /src/Ledger.Sync/BlobExporter.cs:line 57\n   connectionString = \"DefaultEndpointsProtocol=https;AccountName=stledgerweu;AccountKey=",
            S("AZURE_STORAGE_ACCOUNT_KEY", g_azure_storage_key()), ";EndpointSuffix=core.windows.net\"\n   TraceId: 00-", hexs(32), "-", hexs(16), "-01\n"]


def p_jupyter():
    c = cyc("p_jupyter", 3)
    if c == 0:
        k = S("OPENAI_API_KEY", g_oai_proj())
        src = ["import openai\\n\",\n        \"openai.api_key = \\\"", k, "\\\"\\n\",\n        \"openai.models.list()"]
    elif c == 1:
        k = S("HUGGINGFACE_TOKEN", g_hf())
        src = ["from huggingface_hub import notebook_login, login\\n\",\n        \"login(token=\\\"", k, "\\\")"]
    else:
        src = ["import snowflake.connector\\n\",\n        \"conn = snowflake.connector.connect(user=\\\"", pick(USERS).upper(), "\\\", password=\\\"", S("PASSWORD", g_pw(url_safe=True)), "\\\", account=\\\"", rs(LO, 7), "-", rs(LO, 7), "\\\")"]
    return ["{\n  \"cells\": [\n    {\n      \"cell_type\": \"code\",\n      \"execution_count\": ", str(R.randint(1, 40)), ",\n      \"id\": \"", hexs(8), "\",\n      \"metadata\": {},\n      \"outputs\": [],\n      \"source\": [\n        \"",
            src, "\"\n      ]\n    }\n  ],\n  \"metadata\": {\"kernelspec\": {\"display_name\": \"Python 3\", \"language\": \"python\", \"name\": \"python3\"}},\n  \"nbformat\": 4,\n  \"nbformat_minor\": 5\n}\n"]


def p_chat_multi():
    c = cyc("p_chat_multi", 4)
    if c == 0:
        return ["ok so I have two keys in my .env and neither works:\nOPENAI_API_KEY=", S("OPENAI_API_KEY", g_oai_proj()), "\nANTHROPIC_API_KEY=", S("ANTHROPIC_API_KEY", g_ant()),
                "\nthe placeholder in the README was <YOUR_API_KEY>, did I paste them wrong?"]
    if c == 1:
        return ["Our Slack bot (token ", S("SLACK_BOT_TOKEN", g_xoxb()), ") posts fine but the webhook ", S("SLACK_WEBHOOK_URL", g_slack_hook()), " returns no_service. Request id ", uid(), ". Ideas?"]
    if c == 2:
        return ["J'ai ce token GitHub ", S("GITHUB_TOKEN", g_gh("ghp_")), " et git push me renvoie « Authentication failed ». Le commit est ", hexs(40), "."]
    return ["Quick q - is a Databricks token like ", S("DATABRICKS_TOKEN", g_dapi()), " scoped per workspace? Our host is https://adb-", rs(DG, 16), ".7.azuredatabricks.net"]


# ---------------------------- long configs --------------------------------
def p_long_spring():
    return ["# application-prod.yml\nserver:\n  port: 8443\n  ssl:\n    enabled: true\n    key-store: classpath:keystore.p12\n    key-store-password: ", S("PASSWORD", g_pw()),
            "\n    key-store-type: PKCS12\nspring:\n  application:\n    name: ledger-service\n  datasource:\n    url: jdbc:postgresql://", pick(HOSTS), ":5432/ledger\n    username: ", pick(USERS),
            "\n    password: ", S("PASSWORD", g_pw()), "\n    hikari:\n      maximum-pool-size: 20\n      connection-timeout: 30000\n  rabbitmq:\n    addresses: ", db_url("amqps"),
            "\n  data:\n    redis:\n      host: ", pick(HOSTS), "\n      port: 6379\n      password: ${REDIS_PASSWORD}\n  security:\n    oauth2:\n      client:\n        registration:\n          azure:\n            client-id: ", uid(),
            "\n            client-secret: ", S("AZURE_AD_CLIENT_SECRET", g_azure_ad()), "\n            scope: openid,profile,email\n        provider:\n          azure:\n            issuer-uri: https://login.microsoftonline.com/", uid(), "/v2.0\n",
            "management:\n  endpoints:\n    web:\n      exposure:\n        include: health,info,prometheus\n  tracing:\n    sampling:\n      probability: 0.1\nlogging:\n  level:\n    root: INFO\n    org.hibernate.SQL: WARN\n",
            "integrations:\n  sendgrid:\n    api-key: ", S("SENDGRID_API_KEY", g_sendgrid()), "\n  stripe:\n    secret-key: ", S("STRIPE_SECRET_KEY", g_sk_live()), "\n    publishable-key: pk_live_", rs(ALNUM, 99),
            "\n  s3:\n    bucket: ledger-exports-prod\n    access-key: ", S("AWS_ACCESS_KEY_ID", g_akid()), "\n    secret-key: ", S("AWS_SECRET_ACCESS_KEY", g_aws_secret()), "\n    region: eu-central-1\n"]


def p_long_django():
    return ["\"\"\"Django settings for claims project (prod).\"\"\"\nfrom pathlib import Path\nimport os\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n\nSECRET_KEY = \"", S("GENERIC_SECRET", rs(LO + DG + "!#%^&*(-_=+)", 50)),
            "\"\nDEBUG = False\nALLOWED_HOSTS = [\"claims.", pick(ORGS), ".com\"]\n\nINSTALLED_APPS = [\n    \"django.contrib.admin\",\n    \"django.contrib.auth\",\n    \"django.contrib.contenttypes\",\n    \"django.contrib.sessions\",\n    \"rest_framework\",\n    \"claims\",\n]\n\nMIDDLEWARE = [\n    \"django.middleware.security.SecurityMiddleware\",\n    \"django.contrib.sessions.middleware.SessionMiddleware\",\n    \"django.middleware.csrf.CsrfViewMiddleware\",\n]\n\n",
            "DATABASES = {\n    \"default\": {\n        \"ENGINE\": \"django.db.backends.postgresql\",\n        \"NAME\": \"claims\",\n        \"USER\": \"claims_app\",\n        \"PASSWORD\": \"", S("PASSWORD", g_pw()),
            "\",\n        \"HOST\": \"", pick(HOSTS), "\",\n        \"PORT\": 5432,\n    },\n    \"replica\": {\n        \"ENGINE\": \"django.db.backends.postgresql\",\n        \"NAME\": \"claims\",\n        \"USER\": \"claims_ro\",\n        \"PASSWORD\": os.environ.get(\"REPLICA_DB_PASSWORD\", \"\"),\n        \"HOST\": \"replica.internal\",\n    },\n}\n\n",
            "AUTH_PASSWORD_VALIDATORS = [\n    {\"NAME\": \"django.contrib.auth.password_validation.MinimumLengthValidator\", \"OPTIONS\": {\"min_length\": 12}},\n]\n\nCACHES = {\"default\": {\"BACKEND\": \"django.core.cache.backends.redis.RedisCache\", \"LOCATION\": \"",
            db_url("rediss"), "\"}}\n\nEMAIL_HOST = \"smtp.sendgrid.net\"\nEMAIL_HOST_USER = \"apikey\"\nEMAIL_HOST_PASSWORD = \"", S("SENDGRID_API_KEY", g_sendgrid()),
            "\"\n\nAWS_STORAGE_BUCKET_NAME = \"claims-docs\"\n# AWS_ACCESS_KEY_ID = \"", AWS_EX_ID, "\"  # docs example\nSENTRY_RELEASE = \"", hexs(40), "\"\n"]


def p_long_helm():
    return ["# values-prod.yaml for payments-api\nreplicaCount: 4\nimage:\n  repository: registry.", pick(ORGS), ".com/payments-api\n  tag: \"4.12.1\"\n  digest: sha256:", hexs(64),
            "\n  pullPolicy: IfNotPresent\nimagePullSecrets:\n  - name: regcred\nserviceAccount:\n  create: true\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::", rs(DG, 12), ":role/payments-api\n",
            "podAnnotations:\n  checksum/config: ", hexs(64), "\nresources:\n  limits:\n    cpu: 1000m\n    memory: 1Gi\n  requests:\n    cpu: 250m\n    memory: 512Mi\n",
            "ingress:\n  enabled: true\n  className: nginx\n  hosts:\n    - host: payments.", pick(ORGS), ".com\n      paths: [\"/\"]\n",
            "postgresql:\n  auth:\n    username: payments\n    password: \"", S("PASSWORD", g_pw()), "\"\n    postgresPassword: \"", S("PASSWORD", g_pw()), "\"\n    existingSecret: \"\"\n",
            "redis:\n  auth:\n    enabled: true\n    password: '{{ .Values.global.redisPassword }}'\n",
            "env:\n  STRIPE_SECRET_KEY: \"", S("STRIPE_SECRET_KEY", g_sk_live()), "\"\n  STRIPE_WEBHOOK_SECRET: \"", S("STRIPE_WEBHOOK_SECRET", g_whsec()),
            "\"\n  OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector:4317\n  FEATURE_FLAGS: \"3ds2,sepa-instant\"\n  DATADOG_API_KEY: \"", S("GENERIC_SECRET", hexs(32)), "\"\n",
            "nodeSelector:\n  kubernetes.io/os: linux\ntolerations: []\naffinity: {}\n"]


def p_long_compose():
    return ["version: \"3.9\"\nservices:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: ledger\n      POSTGRES_PASSWORD: ", S("PASSWORD", g_pw(url_safe=True)),
            "\n      POSTGRES_DB: ledger\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U ledger\"]\n      interval: 10s\n",
            "  mysql:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD: ", S("PASSWORD", g_pw(url_safe=True)), "\n      MYSQL_DATABASE: reporting\n",
            "  rabbit:\n    image: rabbitmq:3.13-management\n    environment:\n      RABBITMQ_DEFAULT_USER: ledger\n      RABBITMQ_DEFAULT_PASS: ", S("PASSWORD", g_pw(url_safe=True)), "\n",
            "  api:\n    build: .\n    depends_on: [db, rabbit]\n    environment:\n      DATABASE_URL: ", db_url("postgresql"), "\n      AMQP_URL: ", db_url("amqp"),
            "\n      GITHUB_TOKEN: ${GITHUB_TOKEN}\n      HF_TOKEN: ", S("HUGGINGFACE_TOKEN", g_hf()), "\n      OTEL_SERVICE_NAME: ledger-api\n    ports:\n      - \"8080:8080\"\n",
            "  grafana:\n    image: grafana/grafana:11.2.0\n    environment:\n      GF_SECURITY_ADMIN_PASSWORD: ", S("PASSWORD", g_pw(url_safe=True)), "\n      GF_USERS_ALLOW_SIGN_UP: \"false\"\n",
            "volumes:\n  pgdata: {}\n"]


def p_long_env():
    o = ["# ======================================\n# payments-api .env (prod) - DO NOT COMMIT\n# ======================================\nNODE_ENV=production\nPORT=8080\nLOG_LEVEL=info\nREQUEST_TIMEOUT_MS=15000\n\n# --- database ---\nDATABASE_URL=",
         db_url("postgresql"), "\nDB_POOL_MIN=2\nDB_POOL_MAX=20\n\n# --- cache ---\nREDIS_URL=", db_url("redis"), "\n\n# --- third parties ---\nSTRIPE_SECRET_KEY=", S("STRIPE_SECRET_KEY", g_sk_live()),
         "\nSTRIPE_PUBLISHABLE_KEY=pk_live_", rs(ALNUM, 99), "\nSENDGRID_API_KEY=", S("SENDGRID_API_KEY", g_sendgrid()), "\nTWILIO_ACCOUNT_SID=", g_twilio_sid(), "\nTWILIO_AUTH_TOKEN=",
         S("TWILIO_AUTH_TOKEN", g_twilio_token()), "\nSLACK_WEBHOOK_URL=", S("SLACK_WEBHOOK_URL", g_slack_hook()), "\nOPENAI_API_KEY=", S("OPENAI_API_KEY", g_oai_proj()),
         "\n\n# --- observability ---\nSENTRY_ENVIRONMENT=prod\nOTEL_TRACES_SAMPLER=parentbased_traceidratio\nOTEL_TRACES_SAMPLER_ARG=0.2\nBUILD_SHA=", hexs(40),
         "\n\n# --- auth ---\nJWT_SIGNING_SECRET=", S("GENERIC_SECRET", rs(ALNUM, 64)), "\nSESSION_TTL=3600\nPASSWORD_MIN_LENGTH=12\nADMIN_EMAIL=ops@", pick(ORGS), ".com\n"]
    return o


def p_long_ci_log():
    o = []
    t = 0
    for step in ["Set up job", "Checkout", "Setup Node", "Install", "Configure AWS", "Build", "Deploy"]:
        for _ in range(R.randint(3, 6)):
            t += R.randint(1, 900)
            o += [f"2026-11-14T08:{(t // 60000) % 60:02d}:{(t // 1000) % 60:02d}.{t % 1000:03d}0000Z ", pick([
                f"[{step}] Downloading action repository 'actions/checkout@v4' (SHA:{hexs(40)})",
                f"[{step}] npm WARN deprecated inflight@1.0.6",
                f"[{step}] added {R.randint(200, 1600)} packages in {R.randint(5, 90)}s",
                f"[{step}] X-Amz-Request-Id: {rs(UP + DG, 16)}",
                f"[{step}] trace_id={hexs(32)} span_id={hexs(16)}",
                f"[{step}] Using cache key node-cache-Linux-x64-npm-{hexs(64)}",
            ]), "\n"]
        if step == "Configure AWS":
            o += ["2026-11-14T08:10:00.0000000Z [Configure AWS] + aws configure set aws_access_key_id ", S("AWS_ACCESS_KEY_ID", g_akid()), "\n",
                  "2026-11-14T08:10:00.1000000Z [Configure AWS] + aws configure set aws_secret_access_key ", S("AWS_SECRET_ACCESS_KEY", g_aws_secret()), "\n"]
        if step == "Deploy":
            o += ["2026-11-14T08:20:00.0000000Z [Deploy] + curl -fsS -X POST -H 'Authorization: Bearer ", S("GITHUB_TOKEN", g_gh("ghs_")), "' https://api.github.com/repos/", pick(ORGS), "/", pick(REPOS), "/deployments\n",
                  "2026-11-14T08:20:01.0000000Z [Deploy] GITHUB_TOKEN: ***\n"]
    return o


# --------------------------------------------------------------------------
# negative templates (nothing to find)
PLACEHOLDERS = ["<YOUR_API_KEY>", "your-api-key-here", "xxx", "xxxxxxxxxxxxxxxxxxxxxxxx", "****", "********", "${API_KEY}", "${SECRET}",
                "$API_TOKEN", "{{ .Values.apiKey }}", "${{ secrets.API_TOKEN }}", "changeme", "REPLACE_ME", "<redacted>", "[REDACTED]",
                "TODO", "dummy", "<token>", "%API_KEY%", "${env:API_KEY}", "sk_live_...", "sk-...", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "AKIAXXXXXXXXXXXXXXXX", "your_password_here", "<password>", "{{password}}", "__SECRET__"]


def n_placeholder_config():
    names = ["api_key", "db_password", "client_secret", "github_token", "stripe_secret_key", "openai_api_key", "slack_bot_token", "aws_secret_access_key", "password", "token"]
    R.shuffle(names)
    pairs = [(n, pick(PLACEHOLDERS)) for n in names[:R.randint(2, 5)]]
    pairs.insert(R.randint(0, len(pairs)), ("log_level", pick(["info", "debug", "warn"])))
    return wrap_chat(render(pick(CTXS), pairs))


def n_aws_docs():
    c = R.randrange(3)
    if c == 0:
        return ["From the AWS CLI docs, the credentials file looks like:\n\n[default]\naws_access_key_id = ", AWS_EX_ID, "\naws_secret_access_key = ", AWS_EX_SECRET, "\n\nHow do I add a second profile?"]
    if c == 1:
        return ["export AWS_ACCESS_KEY_ID=", AWS_EX_ID, "\nexport AWS_SECRET_ACCESS_KEY=", AWS_EX_SECRET, "\nexport AWS_DEFAULT_REGION=us-west-2\n"]
    return ["arn:aws:iam::", rs(DG, 12), ":role/", pick(REPOS), "-task\narn:aws:kms:eu-central-1:", rs(DG, 12), ":key/", uid(), "\narn:aws:secretsmanager:eu-central-1:", rs(DG, 12), ":secret:prod/db-", rs(ALNUM, 6),
            "\nS3 ETag: \"", hexs(32), "\"\nAssumedRoleId: AROA", rs(UP + "234567", 17), ":session\n"]


def n_stripe_docs():
    c = R.randrange(3)
    if c == 0:
        return ["// Stripe docs example\nconst stripe = require('stripe')('", STRIPE_EX_SK, "');\n// publishable key (safe in the browser)\nconst pk = '", STRIPE_EX_PK, "';\n"]
    if c == 1:
        return ["<script src=\"https://js.stripe.com/v3/\"></script>\n<script>\n  const stripe = Stripe('pk_live_", rs(ALNUM, 99), "');\n  const elements = stripe.elements({ clientSecret: window.CLIENT_SECRET });\n</script>\n"]
    return ["curl https://api.stripe.com/v1/customers \\\n  -u ", STRIPE_EX_SK, ": \\\n  -d email=\"jenny.rosen@example.com\"\n"]


def n_env_refs():
    c = R.randrange(7)
    if c == 0:
        return ["import os\n\nOPENAI_API_KEY = os.environ[\"OPENAI_API_KEY\"]\nDB_PASSWORD = os.getenv(\"DB_PASSWORD\")\nSTRIPE_KEY = os.environ.get(\"STRIPE_SECRET_KEY\", \"\")\n"]
    if c == 1:
        return ["const token = process.env.GITHUB_TOKEN;\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: '2024-06-20' });\nconst dbPassword = process.env.DB_PASSWORD ?? '';\n"]
    if c == 2:
        return ["jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}\n      AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n    steps:\n      - uses: actions/checkout@", hexs(40), "\n      - run: echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > ~/.npmrc\n"]
    if c == 3:
        return ["env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db-credentials\n        key: password\n  - name: API_TOKEN\n    valueFrom:\n      secretKeyRef:\n        name: api-secrets\n        key: token\n"]
    if c == 4:
        return ["variable \"db_password\" {\n  type      = string\n  sensitive = true\n}\n\nresource \"aws_db_instance\" \"ledger\" {\n  engine         = \"postgres\"\n  username       = \"ledger\"\n  password       = var.db_password\n  kms_key_id     = \"arn:aws:kms:eu-central-1:", rs(DG, 12), ":key/", uid(), "\"\n}\n"]
    if c == 5:
        return ["spring:\n  datasource:\n    url: jdbc:postgresql://${DB_HOST:localhost}:5432/ledger\n    username: ${DB_USER}\n    password: ${DB_PASSWORD}\nvault:\n  token: ${VAULT_TOKEN}\n  secret-path: secret/data/ledger#db_password\n"]
    return ["database:\n  password: {{ .Values.postgresql.auth.password | quote }}\n  apiKey: {{ required \"apiKey is required\" .Values.apiKey }}\nResources:\n  DbPassword: '{{resolve:ssm-secure:/prod/ledger/db_password:1}}'\n"]


def n_ids_log():
    o = []
    for _ in range(R.randint(4, 9)):
        o.append(pick([
            f"{ts()} INFO  [http-nio-8080-exec-{R.randint(1, 20)}] c.a.p.PaymentController - request_id={uid()} status=200 duration_ms={R.randint(3, 900)}\n",
            f"{ts()} WARN  traceparent=00-{hexs(32)}-{hexs(16)}-01 retrying upstream call\n",
            f"{ts()} DEBUG session={hexs(8)}-{hexs(4)} user_id={R.randint(10000, 99999)} correlationId={uid()}\n",
            f"{ts()} INFO  x-amzn-RequestId: {uid()} x-amz-cf-id: {rs(ALNUM + '_-', 56)}==\n",
            f"{ts()} INFO  job {uid()} finished, output s3://exports/{hexs(16)}.parquet\n",
        ]))
    return o


def n_git():
    o = []
    for _ in range(R.randint(3, 7)):
        o += ["commit ", hexs(40), "\nAuthor: ", pick(["Jana Meier", "Luca Rossi", "Kenji Tanaka"]), " <dev@", pick(ORGS), ".com>\nDate:   Tue Nov ", str(R.randint(1, 26)), " 10:", str(R.randint(10, 59)), ":00 2026 +0100\n\n    ", pick(["fix: rotate token handling", "chore: bump deps", "feat: add password policy", "refactor secret loader"]), "\n\n"]
    return ["$ git log\n", o]


def n_digests():
    c = R.randrange(5)
    if c == 0:
        return ["{\n  \"name\": \"portal-web\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"node_modules/axios\": {\n      \"version\": \"1.7.7\",\n      \"resolved\": \"https://registry.npmjs.org/axios/-/axios-1.7.7.tgz\",\n      \"integrity\": \"sha512-",
                b64bytes(64).rstrip("="), "==\"\n    },\n    \"node_modules/jsonwebtoken\": {\n      \"version\": \"9.0.2\",\n      \"integrity\": \"sha512-", b64bytes(64).rstrip("="), "==\"\n    }\n  }\n}\n"]
    if c == 1:
        return ["github.com/golang-jwt/jwt/v5 v5.2.1 h1:", b64bytes(32), "\ngithub.com/golang-jwt/jwt/v5 v5.2.1/go.mod h1:", b64bytes(32), "\ngolang.org/x/crypto v0.28.0 h1:", b64bytes(32), "\n"]
    if c == 2:
        return ["FROM python:3.12-slim@sha256:", hexs(64), "\nCOPY --from=builder@sha256:", hexs(64), " /app /app\n# image digest sha256:", hexs(64), "\n"]
    if c == 3:
        return ["[[package]]\nname = \"cryptography\"\nversion = \"43.0.1\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"", hexs(64), "\"\n\n[[package]]\nname = \"ring\"\nversion = \"0.17.8\"\nchecksum = \"", hexs(64), "\"\n"]
    return ["requests==2.32.3 \\\n    --hash=sha256:", hexs(64), " \\\n    --hash=sha256:", hexs(64), "\nurllib3==2.2.3 \\\n    --hash=sha256:", hexs(64), "\n"]


def n_public_keys():
    c = R.randrange(4)
    if c == 0:
        return ["$ cat ~/.ssh/authorized_keys\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ", rs(B64, 540), " jana@laptop\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI", rs(B64, 43), " ci@runner\n"]
    if c == 1:
        body = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + rs(B64, 348) + "IDAQAB"
        return ["jwt:\n  public-key: |\n    -----BEGIN PUBLIC KEY-----\n    ", "\n    ".join(body[i:i + 64] for i in range(0, len(body), 64)), "\n    -----END PUBLIC KEY-----\n"]
    if c == 2:
        o = []
        for _ in range(R.randint(2, 3)):
            body = "MIID" + rs(B64, 1200)
            o += ["-----BEGIN CERTIFICATE-----\n", "\n".join(body[i:i + 64] for i in range(0, len(body), 64)), "\n-----END CERTIFICATE-----\n"]
        return ["# ca-bundle.pem used by the gateway\n", o]
    return ["{\n  \"keys\": [\n    {\n      \"kty\": \"RSA\",\n      \"kid\": \"", hexs(40), "\",\n      \"use\": \"sig\",\n      \"alg\": \"RS256\",\n      \"n\": \"", rs(URLSAFE, 342), "\",\n      \"e\": \"AQAB\"\n    }\n  ]\n}\n"]


def n_b64_image():
    return ["<img alt=\"logo\" src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAAA", rs(B64, R.randint(300, 900)), "=\" />\n",
            ".icon { background-image: url(data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAyNCAyNCI+", rs(B64, 120), "); }\n"]


def n_policy():
    return [pick([
        "Password requirements: the password must be at least 12 characters long, contain one uppercase letter, one digit and one special character. Passwords expire after 90 days.\n",
        "Error: password must be 12 characters or more and must not reuse your last 5 passwords.\n",
        "<label for=\"password\">Password</label>\n<input type=\"password\" id=\"password\" name=\"password\" minlength=\"12\" required placeholder=\"Enter your password\">\n",
        "## Secret rotation\nAPI keys must be rotated every 90 days. Never paste a token into chat; store it in Vault under secret/<team>/<service> and reference it as ${VAULT_SECRET}.\n",
        "validation:\n  password:\n    min_length: 12\n    require_digit: true\n    require_symbol: true\n    max_age_days: 90\n",
        "Q: What does `password_reset_token_ttl` mean?\nA: It's the lifetime of the reset token in seconds; default 3600.\n",
    ])]


def n_empty_pw():
    return [pick([
        "DB_PASSWORD=\nDB_USER=ledger\nDB_HOST=localhost\n",
        "password: \"\"\nusername: \"\"\n",
        "{\n  \"user\": \"report\",\n  \"pwd\": null,\n  \"token\": \"\"\n}\n",
        "[client]\nuser=root\npassword=\n",
        "spring.datasource.password=\nspring.datasource.username=sa\nspring.datasource.url=jdbc:h2:mem:testdb\n",
        "conn = psycopg2.connect(host=\"localhost\", user=\"postgres\", password=\"\")\n",
        "redis:\n  password: ~\n  tls: false\n",
    ])]


def n_hashes():
    c = R.randrange(4)
    if c == 0:
        return ["INSERT INTO users (email, password_hash) VALUES\n  ('admin@", pick(ORGS), ".com', '$2b$12$", rs(B64.replace("+", "."), 53), "'),\n  ('ops@", pick(ORGS), ".com', '$2a$10$", rs(B64.replace("+", "."), 53), "');\n"]
    if c == 1:
        return ["root:$6$", rs(ALNUM, 16), "$", rs(ALNUM + "./", 86), ":19700:0:99999:7:::\ndeploy:$y$j9T$", rs(ALNUM + "./", 22), "$", rs(ALNUM + "./", 43), ":19800:0:99999:7:::\n"]
    if c == 2:
        return ["# .htpasswd\nadmin:$apr1$", rs(ALNUM, 8), "$", rs(ALNUM + "./", 22), "\nmonitor:$2y$05$", rs(ALNUM + "./", 53), "\n"]
    return ["users:\n  - name: alice\n    password_hash: \"$argon2id$v=19$m=65536,t=3,p=4$", rs(B64, 22), "$", rs(B64, 43), "\"\n  - name: bob\n    password_hash: \"pbkdf2_sha256$600000$", rs(ALNUM, 22), "$", b64bytes(32), "\"\n"]


def n_masked():
    return [pick([
        "Authorization: Bearer ***\nX-Request-ID: " + uid() + "\n",
        "2026-11-03 12:00:01 INFO Using token ghp_****" + rs(ALNUM, 4) + " for org " + pick(ORGS) + "\n",
        "OPENAI_API_KEY=sk-...." + rs(ALNUM, 4) + " (redacted)\n",
        "Run aws s3 sync ./dist s3://portal-web-prod\n  AWS_ACCESS_KEY_ID: ***\n  AWS_SECRET_ACCESS_KEY: ***\n  AWS_REGION: eu-central-1\n",
        "stripe key: sk_live_************************" + rs(ALNUM, 4) + "\n",
        "password=[FILTERED] user=" + pick(USERS) + " host=" + pick(HOSTS) + "\n",
        "DATABASE_URL=postgres://" + pick(USERS) + ":****@" + pick(HOSTS) + ":5432/ledger\n",
    ])]


def n_jwt_docs():
    return [pick(["Per jwt.io, a token looks like this:\n\n", "# README\nExample bearer token (from jwt.io):\n\n    Authorization: Bearer ", "Test fixture:\nSAMPLE_TOKEN = \""]), JWT_IO,
            pick(["\n\nIt has three parts: header, payload and signature.\n", "\n", "\"  # jwt.io sample, not a real token\n"])]


def n_azurite():
    return [pick(["# local development with Azurite\n", "appsettings.Development.json:\n"]),
            "AZURE_STORAGE_CONNECTION_STRING=\"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=", AZURITE_KEY, ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;\"\n",
            "# or simply\nAZURE_STORAGE_CONNECTION_STRING=UseDevelopmentStorage=true\n"]


def n_sealed():
    return ["apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db-credentials\n  namespace: prod\nspec:\n  encryptedData:\n    password: AgB", rs(B64, 360), "==\n    username: AgC", rs(B64, 360), "==\n"]


def n_docs_chat():
    return [pick([
        "How should I store my OpenAI key? The docs say keys start with sk- and should never be committed. Is Vault better than AWS Secrets Manager for that?",
        "What's the difference between a GitHub classic token (ghp_) and a fine-grained one (github_pat_)? Which scopes do I need for actions:write?",
        "Slack tokens: xoxb- is a bot token, xoxp- a user token and xapp- an app-level token, right? Which one does Socket Mode need?",
        "Our Stripe integration only uses the publishable key pk_live_... in the browser; the secret key lives in the backend. Is that compliant with PCI DSS SAQ A?",
        "Can you explain what an AWS access key ID (starts with AKIA) vs a temporary one (ASIA) is?",
        "Write a regex that matches GitLab personal access tokens (glpat- prefix). Don't include any real token in the answer.",
        "Warum sollte man API-Schlüssel nicht im Quellcode speichern? Bitte mit Beispielen für .env und Vault.",
    ])]


def n_placeholder_urls():
    return [pick([
        "DATABASE_URL=postgres://user:password@localhost:5432/mydb\n",
        "mongodb+srv://<username>:<password>@cluster0.example.mongodb.net/?retryWrites=true&w=majority\n",
        "REDIS_URL=redis://localhost:6379/0\nAMQP_URL=amqp://guest:guest@localhost:5672/\n",
        "postgresql://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/${DB_NAME}\n",
        "curl -u $JENKINS_USER:$JENKINS_TOKEN https://jenkins.example.com/api/json\n",
        "docker login -u \"$REGISTRY_USER\" --password-stdin registry.example.com < ~/.registry-token\n",
        "git clone https://oauth2:${GITLAB_TOKEN}@gitlab.example.com/group/project.git\n",
        "postgres://postgres:postgres@localhost:5432/postgres\n",
        "machine api.example.com\n  login <your-login>\n  password <your-password>\n",
    ])]


def n_code_misc():
    c = R.randrange(5)
    if c == 0:
        return ["def rotate_token(old_token: str) -> str:\n    \"\"\"Rotate an API token. The password is never logged.\"\"\"\n    new_token = secrets.token_urlsafe(32)\n    audit.log(event=\"token_rotated\", token_id=\"", uid(), "\")\n    return new_token\n"]
    if c == 1:
        return ["public class TokenValidator {\n    private static final int MIN_PASSWORD_LENGTH = 12;\n    private static final String TOKEN_HEADER = \"Authorization\";\n    private static final String SECRET_ENV = \"JWT_SECRET\";\n    private static final String BUILD_ID = \"", hexs(40), "\";\n}\n"]
    if c == 2:
        return ["CREATE TABLE api_keys (\n  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),\n  key_prefix CHAR(8) NOT NULL,\n  key_sha256 CHAR(64) NOT NULL,\n  created_at TIMESTAMPTZ NOT NULL\n);\nINSERT INTO api_keys VALUES ('", uid(), "', 'tg_live_', '", hexs(64), "', now());\n"]
    if c == 3:
        return ["const ICONS = {\n  sha: '", hexs(40), "',\n  cacheKey: '", hexs(32), "',\n  buildId: '", uid(), "',\n};\n"]
    return ["<script src=\"https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.bundle.min.js\" integrity=\"sha384-", b64bytes(48), "\" crossorigin=\"anonymous\"></script>\n"]


def n_http_dump():
    return ["GET /api/v1/health HTTP/1.1\nHost: api.", pick(ORGS), ".com\nAuthorization: Bearer <token>\nX-Request-ID: ", uid(), "\nTraceparent: 00-", hexs(32), "-", hexs(16), "-01\nIf-None-Match: W/\"", hexs(32),
            "\"\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"api\"\nX-Amzn-Trace-Id: Root=1-", hexs(8), "-", hexs(24), "\n"]


def n_stack():
    return ["Traceback (most recent call last):\n  File \"/srv/app/auth.py\", line ", str(R.randint(20, 300)), ", in verify\n    claims = jwt.decode(token, key, algorithms=[\"RS256\"])\njwt.exceptions.InvalidSignatureError: Signature verification failed\n",
            "request_id=", uid(), " kid=", hexs(16), " token_sha256=", hexs(64), "\n"]


def n_long_lock():
    o = ["# yarn lockfile v1\n\n"]
    for name in ["@babel/code-frame", "@types/node", "axios", "chalk", "debug", "jsonwebtoken", "lodash", "ms", "semver", "uuid", "zod"][:R.randint(7, 11)]:
        v = f"{R.randint(1, 9)}.{R.randint(0, 20)}.{R.randint(0, 9)}"
        o += [f"\"{name}@^{v}\":\n  version \"{v}\"\n  resolved \"https://registry.yarnpkg.com/{name}/-/{name.split('/')[-1]}-{v}.tgz#{hexs(40)}\"\n  integrity sha512-{b64bytes(64).rstrip('=')}==\n\n"]
    return o


def n_long_log():
    return n_ids_log() + n_ids_log() + n_ids_log() + n_ids_log()


NEG_TEMPLATES = [(n_placeholder_config, 20), (n_aws_docs, 6), (n_stripe_docs, 6), (n_env_refs, 12), (n_ids_log, 5), (n_git, 4),
                 (n_digests, 8), (n_public_keys, 8), (n_b64_image, 3), (n_policy, 6), (n_empty_pw, 7), (n_hashes, 6), (n_masked, 7),
                 (n_jwt_docs, 3), (n_azurite, 2), (n_sealed, 2), (n_docs_chat, 6), (n_placeholder_urls, 8), (n_code_misc, 5),
                 (n_http_dump, 2), (n_stack, 2), (n_long_lock, 1), (n_long_log, 1)]

POS_TEMPLATES = [(p_aws_credentials_file, 3), (p_aws_boto, 2), (p_aws_sts_json, 3), (p_gcp_sa, 3), (p_gcp_key_usage, 3),
                 (p_azure_storage, 4), (p_azure_ad, 3), (p_github, 7), (p_gitlab, 5), (p_gitlab_ci, 1), (p_slack, 5), (p_stripe, 5),
                 (p_openai, 6), (p_anthropic, 4), (p_hf, 3), (p_twilio, 3), (p_sendgrid, 3), (p_npm, 3), (p_pypi, 3),
                 (p_databricks, 3), (p_shopify, 3), (p_mailgun, 3), (p_jwt, 5), (p_kubeconfig_token, 1), (p_pem, 7),
                 (p_db_url, 7), (p_password_assign, 12), (p_basic_auth, 5), (p_http_basic_header, 2), (p_netrc, 2),
                 (p_docker_login, 3), (p_k8s_secret, 3), (p_generic, 6), (p_shell_history, 3), (p_ci_log, 2), (p_stack_trace, 3),
                 (p_jupyter, 3), (p_chat_multi, 6), (p_long_spring, 2), (p_long_django, 1), (p_long_helm, 2), (p_long_compose, 2),
                 (p_long_env, 2), (p_long_ci_log, 1)]


def main():
    records = []
    seen = set()

    def add(parts):
        text, spans = build(parts)
        if text in seen:
            return False
        seen.add(text)
        records.append({"text": text, "spans": spans})
        return True

    for fn, n in POS_TEMPLATES:
        for _ in range(n):
            while not add(fn()):
                pass
    # assignment sweep: every set in two different contexts
    ci = 0
    for fn in ASSIGN_SETS:
        for _ in range(1):
            ctx = CTXS[ci % len(CTXS)]
            ci += 1
            while not add(wrap_chat(render(ctx, fn()))):
                pass
    for fn, n in NEG_TEMPLATES:
        for _ in range(n):
            for _attempt in range(50):
                if add(fn()):
                    break
    R.shuffle(records)
    with open(OUT, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # summary
    from collections import Counter
    kinds = Counter(s["type"] for r in records for s in r["spans"])
    pos = [r for r in records if r["spans"]]
    print(f"texts={len(records)} positive={len(pos)} negative={len(records) - len(pos)} "
          f"multi={sum(1 for r in pos if len(r['spans']) >= 2)} long(>=1000)={sum(1 for r in records if len(r['text']) >= 1000)} "
          f"max_len={max(len(r['text']) for r in records)} spans={sum(kinds.values())} kinds={len(kinds)}")
    for k, v in sorted(kinds.items()):
        print(f"  {k}: {v}")


if __name__ == "__main__":
    main()
