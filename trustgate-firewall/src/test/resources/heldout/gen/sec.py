"""Generates ../secrets-probe.jsonl (+ ../secrets-probe.meta.jsonl). Run: python3 sec.py (deterministic, seeded).

Every secret below is random characters in the documented shape of its provider: none is, or was, a real key.
"""
import base64
import json
import os
import string

from common import ALNUM, B64URL, R, UPPER_ALNUM, build, write

g = R(4242_2026)
LOWER_ALNUM = string.ascii_lowercase + string.digits
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
PW_CHARS = ALNUM + "!*-_.~"

AWSK, AWSS, GCPK, GCPSA, AZK, AZC, GH, GL, SLT, SLW, STR, OAI, ANT, HF, JWT_, PK, DB, GEN = (
    "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "GCP_API_KEY", "GCP_SERVICE_ACCOUNT_KEY", "AZURE_STORAGE_KEY",
    "AZURE_CONNECTION_STRING", "GITHUB_TOKEN", "GITLAB_TOKEN", "SLACK_TOKEN", "SLACK_WEBHOOK", "STRIPE_KEY",
    "OPENAI_KEY", "ANTHROPIC_KEY", "HUGGINGFACE_TOKEN", "JWT", "PRIVATE_KEY", "DB_CONNECTION_STRING", "GENERIC_SECRET")


# ------------------------------------------------------------------------------------------- fake values
def rbytes(k):
    return bytes(g.randint(0, 255) for _ in range(k))


def b64(k):
    return base64.b64encode(rbytes(k)).decode()


def b64u(k):
    return base64.urlsafe_b64encode(rbytes(k)).decode().rstrip("=")


def akid():
    return g.choice(["AKIA", "AKIA", "AKIA", "ASIA"]) + g.chars(16, BASE32)


def aws_secret():
    while True:
        s = b64(30)  # 30 bytes -> 40 base64 chars, no padding
        if not s.endswith("EXAMPLEKEY"):
            return s


def gcp_key():
    return "AIza" + g.chars(35, B64URL)


def pem_body(first, nlines):
    body = first + b64(48 * nlines)[len(first):]
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    lines[-1] = lines[-1][:g.randint(12, 60)] + g.choice(["", "=", "=="])
    return lines


def pem(kind=None, nlines=None, sep="\n", indent=""):
    kind = kind or g.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY",
                             "RSA PRIVATE KEY", "PRIVATE KEY"])
    first = {"RSA PRIVATE KEY": "MIIEpAIBAAKCAQEA", "PRIVATE KEY": "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ",
             "EC PRIVATE KEY": "MHcCAQEEI", "OPENSSH PRIVATE KEY": "b3BlbnNzaC1rZXktdjEAAAAA",
             "ENCRYPTED PRIVATE KEY": "MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI"}[kind]
    if nlines is None:
        nlines = 2 if kind == "EC PRIVATE KEY" else g.randint(6, 25)
    lines = [f"-----BEGIN {kind}-----"] + pem_body(first, nlines) + [f"-----END {kind}-----"]
    return (sep + indent).join(lines)


def azure_key():
    return b64(64)  # 88 chars ending in ==


def azure_conn():
    acct = g.choice(["stprod", "stlogs", "contosodata", "fabrikamblob"]) + g.chars(4, LOWER_ALNUM)
    if g.random() < 0.75:
        return (f"DefaultEndpointsProtocol=https;AccountName={acct};AccountKey={azure_key()};"
                f"EndpointSuffix=core.windows.net")
    ns = g.choice(["sb-orders", "sb-events", "evh-telemetry"]) + g.chars(3, LOWER_ALNUM)
    return (f"Endpoint=sb://{ns}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
            f"SharedAccessKey={b64(32)}")


def gh_token():
    r = g.random()
    if r < 0.2:
        return "github_pat_11" + g.chars(20, UPPER_ALNUM) + "_" + g.chars(59, ALNUM)
    return g.choice(["ghp_", "ghp_", "ghp_", "gho_", "ghs_", "ghu_"]) + g.chars(36, ALNUM)


def gl_token():
    return g.choice(["glpat-", "glpat-", "glpat-", "gldt-", "glrt-"]) + g.chars(20, ALNUM + "-_")


def slack_token():
    r = g.random()
    if r < 0.5:
        return f"xoxb-{g.digits(11, True)}-{g.digits(13, True)}-{g.chars(24, ALNUM)}"
    if r < 0.8:
        return f"xoxp-{g.digits(11, True)}-{g.digits(11, True)}-{g.digits(13, True)}-{g.hexs(32)}"
    return f"xapp-1-A{g.chars(10, UPPER_ALNUM)}-{g.digits(13, True)}-{g.hexs(64)}"


def slack_webhook():
    return (f"https://hooks.slack.com/services/T{g.chars(g.randint(8, 10), UPPER_ALNUM)}/"
            f"B{g.chars(g.randint(8, 10), UPPER_ALNUM)}/{g.chars(24, ALNUM)}")


def stripe_key(live=True):
    pre = g.choice(["sk_live_", "sk_live_", "rk_live_"]) if live else "sk_test_"
    return pre + (g.chars(24, ALNUM) if g.random() < 0.5 else "51" + g.chars(97, ALNUM))


def openai_key():
    r = g.random()
    if r < 0.6:
        return "sk-proj-" + g.chars(74, B64URL) + "T3BlbkFJ" + g.chars(74, B64URL)
    if r < 0.8:
        return "sk-" + g.chars(20, ALNUM) + "T3BlbkFJ" + g.chars(20, ALNUM)
    return "sk-svcacct-" + g.chars(74, B64URL) + "T3BlbkFJ" + g.chars(74, B64URL)


def anthropic_key():
    kind = "api03" if g.random() < 0.85 else "admin01"
    return f"sk-ant-{kind}-" + g.chars(93, B64URL) + "AA"


def hf_token():
    return "hf_" + g.chars(34, string.ascii_letters)


def jwt(alg=None):
    alg = alg or g.choice(["HS256", "HS256", "RS256"])
    header = {"alg": alg, "typ": "JWT"}
    if alg == "RS256":
        header["kid"] = g.hexs(16)
    now = 1714000000 + g.randint(0, 20000000)
    payload = {"sub": g.choice([str(g.randint(1000, 99999)), "user_" + g.chars(10, LOWER_ALNUM)]),
               "iss": g.choice(["https://auth.example.com", "api", "https://login.contoso.test/oauth2"]),
               "iat": now, "exp": now + g.choice([900, 3600, 86400]),
               "scope": g.choice(["read write", "orders:read", "admin"])}

    def enc(o):
        return base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).decode().rstrip("=")

    sig = b64u(32 if alg == "HS256" else 256)
    return f"{enc(header)}.{enc(payload)}.{sig}"


def password():
    while True:
        s = g.chars(g.randint(14, 28), PW_CHARS)
        if any(c.isdigit() for c in s) and any(c.isupper() for c in s) and any(c.islower() for c in s):
            return s


def hexkey(n=32):
    return g.hexs(n)


def db_conn(pw=None):
    pw = pw or password()
    u = g.choice(["app", "svc_orders", "admin", "reporting", "api"])
    host = g.choice(["db.internal", "10.0.3.17", "orders-db.prod.svc.cluster.local", "pg-main.example.net"])
    r = g.randint(0, 7)
    if r == 0:
        return f"postgres://{u}:{pw}@{host}:5432/{g.choice(['shop', 'orders', 'app'])}"
    if r == 1:
        return f"postgresql://{u}:{pw}@{host}/app?sslmode=require"
    if r == 2:
        return f"mysql://{u}:{pw}@{host}:3306/{g.choice(['shop', 'wp'])}"
    if r == 3:
        return f"mongodb+srv://{u}:{pw}@cluster0.{g.chars(5, LOWER_ALNUM)}.mongodb.net/prod?retryWrites=true&w=majority"
    if r == 4:
        return f"redis://default:{pw}@{host}:6379/0"
    if r == 5:
        return f"jdbc:postgresql://{host}:5432/app?user={u}&password={pw}"
    if r == 6:
        return f"amqp://{u}:{pw}@rabbit.internal:5672/%2F"
    return (f"Server=tcp:{g.chars(6, LOWER_ALNUM)}.database.windows.net,1433;Initial Catalog=orders;User ID={u};"
            f"Password={pw};Encrypt=True")


def django_key():
    return g.chars(50, string.ascii_lowercase + string.digits + "!@#%^&*(-_=+)")


# ------------------------------------------------------------------------------------------- look-alikes (never spans)
def sha(n=40):
    return g.hexs(n)


def uuid():
    h = g.hexs
    return f"{h(8)}-{h(4)}-4{h(3)}-{g.choice('89ab')}{h(3)}-{h(12)}"


# ------------------------------------------------------------------------------------------- positives
def p_dotenv():
    parts = ["# .env (production)\nAPP_ENV=production\nPORT=8080\n"]
    opts = [("DATABASE_URL=", DB, db_conn), ("STRIPE_SECRET_KEY=", STR, stripe_key), ("OPENAI_API_KEY=", OAI, openai_key),
            ("ANTHROPIC_API_KEY=", ANT, anthropic_key), ("HF_TOKEN=", HF, hf_token), ("GITHUB_TOKEN=", GH, gh_token),
            ("SLACK_BOT_TOKEN=", SLT, slack_token), ("SESSION_SECRET=", GEN, lambda: hexkey(64)),
            ("GOOGLE_MAPS_API_KEY=", GCPK, gcp_key)]
    g.shuffle(opts)
    for name, typ, fn in opts[:g.randint(2, 4)]:
        parts += [name, (typ, fn()), "\n"]
    parts.append(f"STRIPE_PUBLISHABLE_KEY=pk_live_{g.chars(24, ALNUM)}\nLOG_LEVEL=info\n")
    return parts


def p_aws_credentials():
    return [f"[{g.choice(['default', 'prod', 'deploy'])}]\naws_access_key_id = ", (AWSK, akid()),
            "\naws_secret_access_key = ", (AWSS, aws_secret()), f"\nregion = {g.choice(['eu-west-1', 'us-east-1'])}\n"]


def p_shell_history():
    return [f"  {g.randint(400, 999)}  cd ~/projects/billing\n  {g.randint(1000, 1200)}  export AWS_ACCESS_KEY_ID=",
            (AWSK, akid()), f"\n  {g.randint(1201, 1300)}  export AWS_SECRET_ACCESS_KEY=", (AWSS, aws_secret()),
            f"\n  {g.randint(1301, 1400)}  aws s3 ls s3://billing-exports-prod/\n"]


def p_curl_openai():
    return ['$ curl https://api.openai.com/v1/chat/completions -H "Content-Type: application/json" '
            '-H "Authorization: Bearer ', (OAI, openai_key()), '" -d @body.json']


def p_py_clients():
    r = g.randint(0, 2)
    if r == 0:
        return ["from openai import OpenAI\n\nclient = OpenAI(api_key=\"", (OAI, openai_key()),
                "\")\nresp = client.responses.create(model=\"gpt-4.1-mini\", input=\"ping\")\n"]
    if r == 1:
        return ["import anthropic\n\nclient = anthropic.Anthropic(\n    api_key=\"", (ANT, anthropic_key()),
                "\",\n)\nmsg = client.messages.create(model=MODEL, max_tokens=256, messages=msgs)\n"]
    return ["from huggingface_hub import login\n\nlogin(token=\"", (HF, hf_token()),
            "\")  # TODO remove before commit\n"]


def p_js_stripe():
    return [f"const stripe = require('stripe')('", (STR, stripe_key()), "');\n\nasync function charge(amount) {\n"
            "  return stripe.paymentIntents.create({ amount, currency: 'eur' });\n}\n"]


def p_js_octokit():
    return ["import { Octokit } from \"@octokit/rest\";\nconst octokit = new Octokit({ auth: \"", (GH, gh_token()),
            "\" });\nconst { data } = await octokit.rest.repos.listForOrg({ org: \"acme\" });\n"]


def p_java_slack():
    return ["public final class SlackNotifier {\n    private static final String TOKEN = \"", (SLT, slack_token()),
            "\";\n    private static final String CHANNEL = \"C0", g.chars(8, UPPER_ALNUM), "\";\n}\n"]


def p_java_jdbc():
    conn = db_conn()
    while conn.startswith("Server=") or conn.startswith("amqp"):
        conn = db_conn()
    return ["DataSource ds = DataSourceBuilder.create()\n        .url(\"", (DB, conn), "\")\n        .build();\n"]


def p_go():
    r = g.random()
    if r < 0.5:
        return ["package main\n\nfunc newClient(ctx context.Context) *github.Client {\n"
                "\treturn github.NewClient(nil).WithAuthToken(\"", (GH, gh_token()), "\")\n}\n"]
    return ["package geo\n\nconst mapsAPIKey = \"", (GCPK, gcp_key()),
            "\"\n\nfunc Geocode(addr string) (*Result, error) { return call(mapsAPIKey, addr) }\n"]


def p_spring_yaml():
    return ["spring:\n  datasource:\n    url: jdbc:mysql://mysql.internal:3306/shop\n    username: shop_app\n"
            "    password: ", (GEN, password()), "\n  jpa:\n    open-in-view: false\n"]


def p_k8s_secret():
    return ["apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-db\ntype: Opaque\nstringData:\n"
            "  DB_USER: orders\n  DB_PASSWORD: ", (GEN, password()), "\n  API_TOKEN: ", (GEN, hexkey(40)), "\n"]


def p_compose():
    return ["services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: shop\n"
            "      POSTGRES_PASSWORD: ", (GEN, password()), "\n    ports:\n      - \"5432:5432\"\n"]


def p_ci_gitlab():
    return [f"$ git clone https://oauth2:", (GL, gl_token()),
            f"@gitlab.com/acme/platform/deploy-config.git\nCloning into 'deploy-config'...\n"
            f"Job succeeded in {g.randint(20, 300)}s\n"]


def p_ci_github():
    return [f"Run actions/checkout@v4\n  git remote add origin https://x-access-token:", (GH, gh_token()),
            "@github.com/acme/web.git\n  git -c protocol.version=2 fetch --no-tags --prune --depth=1 origin\n"]


def p_chat_slack():
    return [g.choice(["here's the bot token, ", "new token for the alerts bot: ", "pls rotate later: "]),
            (SLT, slack_token()), g.choice([" - don't share it outside #ops", "", " (workspace acme-eng)"])]


def p_chat_key():
    typ, fn = g.choice([(ANT, anthropic_key), (OAI, openai_key), (HF, hf_token), (STR, stripe_key), (GL, gl_token)])
    return [g.choice(["use my key for now ", "can you try with this one? ", "key is ", "@dev temporary key: "]),
            (typ, fn()), g.choice([" — I'll revoke it tomorrow", "", " thx", ". works on my machine"])]


def p_stack_aws():
    return ["botocore.exceptions.ClientError: An error occurred (SignatureDoesNotMatch) when calling the PutObject "
            "operation: The request signature we calculated does not match the signature you provided.\n"
            "  credentials: access_key=", (AWSK, akid()), " secret_key=", (AWSS, aws_secret()),
            f"\n  at upload (/srv/app/storage.py:{g.randint(20, 200)})\n"]


def p_stack_db():
    return ["Traceback (most recent call last):\n  File \"/app/db.py\", line 14, in connect\n"
            "    engine = create_engine(URL)\nsqlalchemy.exc.OperationalError: could not connect to server: "
            "Connection refused (url=", (DB, db_conn()), ")\n"]


def p_json_webhook():
    return ['{\n  "alerts": {\n    "slack_webhook": "', (SLW, slack_webhook()), '",\n    "channel": "#alerts-prod",\n'
            f'    "min_severity": "{g.choice(["warn", "error"])}"\n  }}\n}}']


def p_terraform():
    return ["provider \"aws\" {\n  region     = \"eu-central-1\"\n  access_key = \"", (AWSK, akid()),
            "\"\n  secret_key = \"", (AWSS, aws_secret()), "\"\n}\n"]


def p_azure_appsettings():
    return ['{\n  "ConnectionStrings": {\n    "Storage": "', (AZC, azure_conn()),
            '"\n  },\n  "Logging": { "LogLevel": { "Default": "Information" } }\n}']


def p_azure_env():
    return [f"AZURE_STORAGE_ACCOUNT=st{g.chars(8, LOWER_ALNUM)}\nAZURE_STORAGE_KEY=", (AZK, azure_key()),
            "\nAZURE_CONTAINER=invoices\n"]


def p_http_jwt():
    return [f"POST /api/orders HTTP/1.1\nHost: api.example.com\nAuthorization: Bearer ", (JWT_, jwt()),
            f"\nContent-Type: application/json\nContent-Length: {g.randint(40, 400)}\n"]


def p_cookie_jwt():
    return ["Set-Cookie: session=", (JWT_, jwt("HS256")), "; Path=/; HttpOnly; Secure; SameSite=Lax"]


def p_log_jwt():
    return [f"2024-05-1{g.randint(0, 9)} 12:0{g.randint(0, 9)}:11 DEBUG AuthFilter - validating token ",
            (JWT_, jwt()), " for path /v1/admin/users"]


def p_pem_file():
    return [f"$ cat ~/.ssh/{g.choice(['id_rsa', 'deploy_key', 'id_ed25519'])}\n", (PK, pem()), "\n$ "]


def p_pem_yaml():
    return ["apiVersion: v1\nkind: Secret\nmetadata:\n  name: ingress-tls\ntype: kubernetes.io/tls\nstringData:\n"
            "  tls.key: |\n    ", (PK, pem("PRIVATE KEY", g.randint(5, 12), indent="    ")), "\n"]


def p_pem_chat():
    return ["can someone check why this key doesn't work on the bastion?\n```\n",
            (PK, pem(g.choice(["OPENSSH PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]))), "\n```"]


def p_pem_encrypted():
    return ["# encrypted with the team passphrase\n", (PK, pem("ENCRYPTED PRIVATE KEY", g.randint(6, 10))), "\n"]


def p_gcp_sa():
    proj = g.choice(["acme-analytics", "orders-prod-4711", "ml-training-eu"])
    svc = g.choice(["bq-loader", "deployer", "etl"])
    return ['{\n  "type": "service_account",\n  "project_id": "', proj, '",\n  "private_key_id": "', g.hexs(40),
            '",\n  "private_key": "', (GCPSA, pem("PRIVATE KEY", g.randint(8, 16), sep="\\n")),
            '\\n",\n  "client_email": "', f"{svc}@{proj}.iam.gserviceaccount.com", '",\n  "client_id": "',
            g.digits(21, True), '",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}']


def p_npmrc():
    return ["//registry.npmjs.org/:_authToken=", (GEN, "npm_" + g.chars(36, ALNUM)),
            "\n@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=", (GH, gh_token()), "\n"]


def p_gitconfig():
    return ["[remote \"origin\"]\n\turl = https://ci-bot:", (GH, gh_token()),
            "@github.com/acme/infra.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n"]


def p_redis_py():
    return ["import redis\n\ncache = redis.from_url(\"", (DB, f"redis://:{password()}@cache.internal:6379/0"),
            "\", decode_responses=True)\n"]


def p_basic_auth():
    user = g.choice(["admin", "jenkins", "deploy"])
    return [f"GET /job/release/api/json HTTP/1.1\nHost: ci.example.com\nAuthorization: Basic ",
            (GEN, base64.b64encode(f"{user}:{password()}".encode()).decode()), "\n"]


def p_curl_u():
    return [f"curl -u {g.choice(['admin', 'elastic', 'api'])}:", (GEN, password()),
            f" -X GET \"https://search.internal:9200/_cluster/health?pretty\""]


def p_django():
    return ["# settings/production.py\nDEBUG = False\nSECRET_KEY = '", (GEN, django_key()),
            "'\nALLOWED_HOSTS = ['shop.example.com']\n"]


def p_flask():
    return ["app = Flask(__name__)\napp.secret_key = \"", (GEN, hexkey(g.choice([32, 48, 64]))),
            "\"\napp.config[\"SESSION_COOKIE_SECURE\"] = True\n"]


def p_pgpass():
    return [f"# ~/.pgpass\ndb.internal:5432:shop:shop_app:", (GEN, password()),
            f"\nreplica.internal:5432:*:readonly:", (GEN, password()), "\n"]


def p_cs_sqlserver():
    conn = db_conn()
    while not conn.startswith("Server="):
        conn = db_conn()
    return ['"ConnectionStrings": {\n  "OrdersDb": "', (DB, conn), '"\n}']


def p_node_mongo():
    conn = db_conn()
    while not conn.startswith("mongodb"):
        conn = db_conn()
    return ["const mongoose = require('mongoose');\nawait mongoose.connect('", (DB, conn), "');\n"]


def p_docker_login():
    return ["$ echo ", (GH, "ghp_" + g.chars(36, ALNUM)),
            " | docker login ghcr.io -u acme-bot --password-stdin\nLogin Succeeded\n"]


def p_hf_cli():
    return ["$ huggingface-cli login --token ", (HF, hf_token()), " --add-to-git-credential\nToken is valid (permission: write).\n"]


def p_stripe_whsec():
    return ["STRIPE_WEBHOOK_SECRET=", (STR, "whsec_" + g.chars(32, ALNUM)), "\nSTRIPE_API_VERSION=2024-06-20\n"]


def p_stripe_test():
    return ["# test mode only\nSTRIPE_KEY=", (STR, stripe_key(live=False)), "\n"]


def p_api_key_yaml():
    name = g.choice(["api_key", "apiKey", "token", "client_secret", "secret", "auth_token", "access_token"])
    return [f"integrations:\n  weather:\n    endpoint: https://api.weather.example/v3\n    {name}: \"",
            (GEN, g.choice([hexkey(32), b64(24), g.chars(40, ALNUM)])), "\"\n    timeout_ms: 2500\n"]


def p_notebook():
    return ['{"cell_type": "code", "source": ["import os\\n", "os.environ[\\"OPENAI_API_KEY\\"] = \\"',
            (OAI, openai_key()), '\\"\\n"], "outputs": []}']


def p_gitlab_api():
    return [f"curl --header \"PRIVATE-TOKEN: ", (GL, "glpat-" + g.chars(20, ALNUM + "-_")),
            f"\" \"https://gitlab.example.com/api/v4/projects/{g.randint(10, 999)}/pipelines\""]


def p_webhook_py():
    return ["import requests\n\nWEBHOOK = \"", (SLW, slack_webhook()),
            "\"\nrequests.post(WEBHOOK, json={\"text\": \"deploy finished\"}, timeout=5)\n"]


def p_multi_mix():
    return ["# ops handover notes (do not forward)\n- prod db: ", (DB, db_conn()), "\n- alerts webhook: ",
            (SLW, slack_webhook()), "\n- maps key: ", (GCPK, gcp_key()), "\n"]


def p_azure_cli():
    return [f"$ az storage blob list --account-name st{g.chars(8, LOWER_ALNUM)} --container-name backups "
            f"--account-key ", (AZK, azure_key()), " -o table"]


def p_gcp_curl():
    return ["curl -s \"https://maps.googleapis.com/maps/api/geocode/json?address=Main+St&key=", (GCPK, gcp_key()),
            "\" | jq '.results[0].geometry'"]


def p_anthropic_env():
    return ["export ANTHROPIC_API_KEY=", (ANT, anthropic_key()), "\nclaude-cli --model sonnet \"summarise CHANGELOG.md\"\n"]


POS = [
    ("env", p_dotenv, 8), ("config", p_aws_credentials, 5), ("shell", p_shell_history, 4), ("shell", p_curl_openai, 5),
    ("python", p_py_clients, 8), ("js", p_js_stripe, 3), ("js", p_js_octokit, 3), ("java", p_java_slack, 3),
    ("java", p_java_jdbc, 4), ("go", p_go, 4), ("yaml", p_spring_yaml, 3), ("yaml", p_k8s_secret, 3),
    ("yaml", p_compose, 3), ("ci", p_ci_gitlab, 4), ("ci", p_ci_github, 3), ("chat", p_chat_slack, 3),
    ("chat", p_chat_key, 7), ("stacktrace", p_stack_aws, 2), ("stacktrace", p_stack_db, 3), ("json", p_json_webhook, 3),
    ("config", p_terraform, 3), ("json", p_azure_appsettings, 6), ("env", p_azure_env, 4), ("http", p_http_jwt, 4),
    ("http", p_cookie_jwt, 2), ("log", p_log_jwt, 4), ("shell", p_pem_file, 4), ("yaml", p_pem_yaml, 2),
    ("chat", p_pem_chat, 3), ("config", p_pem_encrypted, 1), ("json", p_gcp_sa, 6), ("config", p_npmrc, 2),
    ("config", p_gitconfig, 2), ("python", p_redis_py, 2), ("http", p_basic_auth, 2), ("shell", p_curl_u, 2),
    ("python", p_django, 2), ("python", p_flask, 2), ("config", p_pgpass, 1), ("json", p_cs_sqlserver, 2),
    ("js", p_node_mongo, 2), ("shell", p_docker_login, 2), ("shell", p_hf_cli, 2), ("env", p_stripe_whsec, 1),
    ("env", p_stripe_test, 2), ("yaml", p_api_key_yaml, 4), ("json", p_notebook, 2), ("shell", p_gitlab_api, 3),
    ("python", p_webhook_py, 2), ("chat", p_multi_mix, 2), ("shell", p_azure_cli, 3), ("shell", p_anthropic_env, 3),
    ("shell", p_gcp_curl, 3),
]


# ------------------------------------------------------------------------------------------- negatives
def n_env_example():
    return [g.choice([
        "# .env.example - copy to .env and fill in\nOPENAI_API_KEY=your-openai-key-here\nSTRIPE_SECRET_KEY=sk_live_...\n"
        "DATABASE_URL=postgres://user:password@localhost:5432/mydb\nSLACK_BOT_TOKEN=xoxb-your-token\n",
        "ANTHROPIC_API_KEY=<your-anthropic-api-key>\nHF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
        "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
        "AWS_ACCESS_KEY_ID=YOUR_ACCESS_KEY_ID\nAWS_SECRET_ACCESS_KEY=YOUR_SECRET_ACCESS_KEY\nAWS_REGION=eu-west-1\n",
        "# fill these in locally, never commit real values\nGITLAB_TOKEN=glpat-XXXXXXXXXXXXXXXXXXXX\n"
        "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;"
        "EndpointSuffix=core.windows.net\n"])]


def n_env_refs():
    return [g.choice([
        "DB_PASSWORD=${DB_PASSWORD}\nDATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:5432/app\n",
        "env:\n  - name: OPENAI_API_KEY\n    valueFrom:\n      secretKeyRef:\n        name: openai\n        key: api-key\n",
        "      - name: Deploy\n        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n"
        "          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n        run: npm publish\n",
        "api_key = os.environ[\"OPENAI_API_KEY\"]\nclient = OpenAI(api_key=api_key)\n",
        "const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\n",
        "String secret = System.getenv(\"AWS_SECRET_ACCESS_KEY\");\nif (secret == null) throw new IllegalStateException();\n",
        "provider \"aws\" {\n  access_key = var.aws_access_key\n  secret_key = var.aws_secret_key\n}\n",
        "spring.datasource.password=${SPRING_DATASOURCE_PASSWORD:}\nspring.datasource.username=app\n"])]


def n_aws_docs_example():
    return [g.choice([
        "# From the AWS CLI docs\n[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        "For example, AKIAIOSFODNN7EXAMPLE is the access key ID used throughout the AWS documentation.",
        "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE  # example only, from the docs\n"])]


def n_git_log():
    return [f"commit {sha()}\nAuthor: CI Bot <ci@example.com>\nDate:   Mon Apr 8 09:12:44 2024 +0000\n\n"
            f"    Merge pull request #{g.randint(100, 9999)} from acme/feature/{g.choice(['search', 'billing', 'sso'])}\n\n"
            f"commit {sha()}\n    Bump lodash from 4.17.20 to 4.17.21"]


def n_docker_digest():
    return [f"FROM node:20-alpine@sha256:{sha(64)}\nRUN npm ci --omit=dev\n"
            f"# built {g.choice(['2024-04-02', '2024-05-19'])} image id sha256:{sha(64)}\n"]


def n_lockfile():
    return [f'    "node_modules/{g.choice(["react", "lodash", "express", "zod"])}": {{\n'
            f'      "version": "{g.randint(1, 18)}.{g.randint(0, 20)}.{g.randint(0, 9)}",\n'
            f'      "resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz",\n'
            f'      "integrity": "sha512-{b64(64)}"\n    }}']


def n_gosum():
    return [f"github.com/{g.choice(['spf13/cobra', 'stretchr/testify', 'google/uuid'])} v1.{g.randint(1, 9)}.{g.randint(0, 9)} "
            f"h1:{b64(32)}\ngithub.com/pkg/errors v0.9.1/go.mod h1:{b64(32)}\n"]


def n_azure_ids():
    return [f"azure:\n  tenant_id: {uuid()}\n  client_id: {uuid()}\n  subscription_id: {uuid()}\n"
            f"  client_secret: ${{AZURE_CLIENT_SECRET}}\n  resource_group: rg-orders-prod\n"]


def n_data_uri():
    return [f'<img alt="logo" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAA{b64(g.randint(60, 150))}" '
            f'width="32" height="32">']


def n_redacted():
    return [g.choice([
        f"Key rotated. Old key sk-proj-****************************{g.chars(4, ALNUM)} revoked at 10:42.",
        f"Found token ghp_************************************ in build log {g.randint(1000, 9999)}, masked.",
        f"Authorization: Bearer ***\nX-Api-Key: [REDACTED]\n",
        f"Using Anthropic key sk-ant-...{g.chars(4, ALNUM)} (from keychain)",
        f"aws_access_key_id = AKIA****************\naws_secret_access_key = ****************************************\n",
        f"slack token: xoxb-****-****-{g.chars(4, ALNUM)}",
        "password: \"********\"\n"])]


def n_public_keys():
    r = g.randint(0, 2)
    if r == 0:
        body = "\n".join(pem_body("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", 6))
        return [f"-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----\n"]
    if r == 1:
        return [f"# ~/.ssh/authorized_keys\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{b64(24)} deploy@ci\n"
                f"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ{b64(120)} alice@laptop\n"]
    body = "\n".join(pem_body("MIIDdzCCAl+gAwIBAgIE", 10))
    return [f"ca.crt: |\n-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n"]


def n_slack_doc_webhook():
    return ["# Example from the Slack docs (not a real webhook):\n"
            "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n"]


def n_stripe_public():
    return [f"<script>\n  const stripe = Stripe('pk_live_{g.chars(24, ALNUM)}');\n"
            f"  const elements = stripe.elements();\n</script>"]


def n_stripe_docs_key():
    return ["# Stripe's documented sample test key, published in their API reference\n"
            "curl https://api.stripe.com/v1/charges -u sk_test_4eC39HqLyjWDarjtT1zdp7dc:\n"]


def n_jwt_docs():
    return ["The jwt.io debugger's sample token is eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwib"
            "mFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c; paste yours "
            "there to decode the header."]


def n_test_fixture():
    return [g.choice([
        "def test_masks_token():\n    assert mask(\"ghp_\" + \"a\" * 36) == \"ghp_****\"\n",
        "@Test\nvoid rejectsShortKey() {\n    assertThrows(IllegalArgumentException.class, () -> ApiKey.parse(\"sk-test\"));\n}\n",
        "FAKE_TOKEN = \"test-token\"\nFAKE_PASSWORD = \"password123\"  # fixture for the login form tests\n",
        "it('rejects an invalid key', () => {\n  expect(validate('AKIA0000000000000000')).toBe(false);\n});\n",
        "const DUMMY_JWT = 'header.payload.signature';\n"])]


def n_empty_passwords():
    return [g.choice([
        "database:\n  host: localhost\n  user: root\n  password: \"\"\n",
        "DB_PASSWORD=\nREDIS_PASSWORD=\n",
        "admin:\n  username: admin\n  password: changeme   # change on first login\n",
        "postgres://postgres:postgres@localhost:5432/test_db\n",
        "mysql://root:root@127.0.0.1:3306/dev\n",
        "admin_password: <REPLACE_ME>\nsmtp_password: TODO\n",
        "spring.datasource.password=secret\n# local H2 only\n"])]


def n_bcrypt():
    return [f"INSERT INTO users (email, password_hash) VALUES ('demo@example.com', "
            f"'$2b$12${g.chars(53, ALNUM + './')}');"]


def n_high_entropy_ids():
    return [g.choice([
        f"<script src=\"/static/js/main.{g.hexs(8)}.js\"></script>\n<link href=\"/static/css/app.{g.hexs(20)}.css\">",
        f"x-amz-request-id: {g.chars(16, UPPER_ALNUM)}\nx-amz-id-2: {b64(54)}\nETag: \"{g.hexs(32)}\"",
        f"arn:aws:iam::{g.digits(12, True)}:role/{g.choice(['deploy', 'lambda-exec'])}\n"
        f"arn:aws:s3:::{g.choice(['logs', 'exports'])}-{g.digits(12, True)}",
        f"resourceVersion: \"{g.digits(9, True)}\"\nuid: {uuid()}\ngeneration: {g.randint(1, 40)}",
        f"Sentry event {g.hexs(32)} captured; release {g.hexs(40)}",
        f"trace_id={g.hexs(32)} span_id={g.hexs(16)} parent_id={g.hexs(16)}"])]


def n_stripe_ids():
    return [f"Charge succeeded: id=ch_3{g.chars(23, ALNUM)} customer=cus_{g.chars(14, ALNUM)} "
            f"payment_intent=pi_3{g.chars(23, ALNUM)} price=price_1{g.chars(23, ALNUM)}"]


def n_openai_ids():
    return [f'{{"id": "chatcmpl-{g.chars(29, ALNUM)}", "object": "chat.completion", "model": "gpt-4o-mini", '
            f'"system_fingerprint": "fp_{g.hexs(10)}", "file_id": "file-{g.chars(22, ALNUM)}"}}']


def n_slack_ids():
    return [f"channel=C0{g.chars(8, UPPER_ALNUM)} user=U0{g.chars(8, UPPER_ALNUM)} team=T0{g.chars(8, UPPER_ALNUM)} "
            f"ts={g.digits(10, True)}.{g.digits(6)} thread_ts={g.digits(10, True)}.{g.digits(6)}"]


def n_hf_code():
    return [g.choice([
        "from huggingface_hub import hf_hub_download\npath = hf_hub_download(repo_id=\"acme/tiny-model\", filename=\"config.json\")\n",
        "pip install hf_transfer\nexport HF_HUB_ENABLE_HF_TRANSFER=1\n",
        "token = HfFolder.get_token()  # reads ~/.cache/huggingface/token\n"])]


def n_docs_text():
    return [g.choice([
        "Your secret API key starts with sk- and is shown only once; store it in a password manager.",
        "GitHub personal access tokens use the prefix ghp_, OAuth tokens gho_ and app installation tokens ghs_.",
        "Access keys that begin with AKIA are long-term credentials; keys that begin with ASIA are temporary.",
        "Passwords must be at least 12 characters and contain a digit. Rotate API tokens every 90 days.",
        "Slack bot tokens start with xoxb-, user tokens with xoxp-. Never paste them in public channels."])]


def n_conn_no_password():
    return [g.choice([
        f"DATABASE_URL=postgres://localhost:5432/app_{g.choice(['dev', 'test'])}\n",
        "spring.datasource.url=jdbc:mysql://db:3306/shop?useSSL=true&serverTimezone=UTC\n",
        "MONGO_URL=mongodb://mongo:27017/test\nREDIS_URL=redis://cache:6379/0\n",
        "Server=tcp:orders.database.windows.net,1433;Initial Catalog=orders;Authentication=Active Directory Default;\n",
        "AMQP_URL=amqp://rabbit.internal:5672/%2F\n"])]


def n_password_keys():
    return [g.choice([
        "password_min_length: 12\npassword_reset_url: https://id.example.com/reset\npassword_expiry_days: 90\n",
        "PASSWORD_HASHERS = [\n    \"django.contrib.auth.hashers.Argon2PasswordHasher\",\n]\n",
        "token_ttl_seconds: 3600\nsecret_rotation: weekly\napi_key_header: X-Api-Key\n",
        "<input type=\"password\" name=\"password\" autocomplete=\"current-password\" required>"])]


def n_base64_plain():
    txt = g.choice(["hello world", "config version 3", "{\"feature\":\"on\"}", "The quick brown fox"])
    return [f"$ echo {base64.b64encode(txt.encode()).decode()} | base64 -d\n{txt}\n"]


def n_code_plain():
    return [g.choice([
        "def get_secret(name: str) -> str:\n    \"\"\"Fetch a secret from Vault at call time; never cache it.\"\"\"\n"
        "    return vault.read(f\"kv/data/{name}\")[\"data\"][\"value\"]\n",
        "func loadConfig() (*Config, error) {\n\tvar c Config\n\tif err := envconfig.Process(\"app\", &c); err != nil {\n"
        "\t\treturn nil, err\n\t}\n\treturn &c, nil\n}\n",
        "export async function handler(event) {\n  const body = JSON.parse(event.body);\n"
        "  return { statusCode: 200, body: JSON.stringify({ ok: true, id: body.id }) };\n}\n",
        "server:\n  port: 8443\n  ssl:\n    key-store: classpath:keystore.p12\n    key-store-type: PKCS12\n"
        "    key-store-password: ${KEYSTORE_PASSWORD}\n"])]


def n_ci_log():
    return [f"#{g.randint(10, 30)} [build 4/7] RUN npm ci\n#{g.randint(10, 30)} DONE {g.randint(5, 90)}.{g.randint(0, 9)}s\n"
            f"writing image sha256:{sha(64)} done\nnaming to ghcr.io/acme/web:{sha(7)} done\n"]


def n_uuid_tokens():
    return [f"X-Request-ID: {uuid()}\nX-Correlation-ID: {uuid()}\nIdempotency-Key: {uuid()}\n"]


NEG = [
    ("env", n_env_example, 6), ("config", n_env_refs, 10), ("config", n_aws_docs_example, 3), ("log", n_git_log, 5),
    ("config", n_docker_digest, 4), ("json", n_lockfile, 5), ("config", n_gosum, 4), ("yaml", n_azure_ids, 4),
    ("html", n_data_uri, 4), ("log", n_redacted, 8), ("config", n_public_keys, 6), ("env", n_slack_doc_webhook, 1),
    ("html", n_stripe_public, 3), ("shell", n_stripe_docs_key, 1), ("chat", n_jwt_docs, 1), ("code", n_test_fixture, 6),
    ("config", n_empty_passwords, 8), ("sql", n_bcrypt, 3), ("log", n_high_entropy_ids, 8), ("log", n_stripe_ids, 4),
    ("json", n_openai_ids, 3), ("log", n_slack_ids, 3), ("python", n_hf_code, 3), ("chat", n_docs_text, 5),
    ("config", n_conn_no_password, 6), ("config", n_password_keys, 4), ("shell", n_base64_plain, 4),
    ("code", n_code_plain, 5), ("ci", n_ci_log, 4), ("http", n_uuid_tokens, 3),
]


def main():
    items = [(ctx, fn, True) for ctx, fn, k in POS for _ in range(k)]
    items += [(ctx, fn, False) for ctx, fn, k in NEG for _ in range(k)]
    g.shuffle(items)
    records, metas, seen = [], [], set()
    for ctx, fn, pos in items:
        for _ in range(20):
            rec = build(*fn())
            if rec["text"] not in seen:
                break
        if rec["text"] in seen:
            continue
        seen.add(rec["text"])
        assert bool(rec["spans"]) == pos, (fn.__name__, rec)
        records.append(rec)
        metas.append({"template": fn.__name__, "context": ctx, "has_secret": pos})
    here = os.path.dirname(os.path.abspath(__file__))
    write(os.path.join(here, "..", "secrets-probe.jsonl"), records,
          os.path.join(here, "..", "secrets-probe.meta.jsonl"), metas)
    print(len(records), "records,", sum(1 for m in metas if not m["has_secret"]), "without secrets")


if __name__ == "__main__":
    main()
