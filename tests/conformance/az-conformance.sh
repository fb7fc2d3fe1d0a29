#!/usr/bin/env bash
# Azure CLI conformance: drives the real, unmodified Azure CLI (Debian's azure-cli 2.45) against the AcrGeo
# emulator and checks what it prints. If the CLI works against the emulator, the emulator speaks ARM.
#
#   bash tests/conformance/az-conformance.sh        (from the repo root; needs the .NET SDK, installs az if missing)
#
# Prints one "PASS: <what>" / "FAIL: <what>: <detail>" line per check and ends with "N passed, M failed".
# Exits non-zero when any check failed. Never prints the emulator's client secret, any password or any access token.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/az-conformance.XXXXXX")
EMULATOR_PID=""
PASSED=0
FAILED=0
REDACT=()   # other passwords the script comes to hold (a pull principal's, the admin user's): never printed
STARTED_AT=$(date +%s)

cleanup() {
    local rc=$?
    if [[ -n "$EMULATOR_PID" ]] && kill -0 "$EMULATOR_PID" 2>/dev/null; then
        # The emulator runs in its own process group (setsid): stop `dotnet run` and the server it started.
        kill -TERM -- "-$EMULATOR_PID" 2>/dev/null || kill -TERM "$EMULATOR_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$EMULATOR_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL -- "-$EMULATOR_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass() { echo "PASS: $1"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL: $1: $(redact "$2" | tr '\n' ' ' | cut -c1-600)"; FAILED=$((FAILED + 1)); }

summary_and_exit() {
    echo "run time: $(($(date +%s) - STARTED_AT)) s"
    echo "$PASSED passed, $FAILED failed"
    [[ $FAILED -eq 0 ]] && exit 0 || exit 1
}

# Keeps secrets out of anything printed: the client secret, bearer tokens and JWTs.
redact() {
    local text=$1
    if [[ -n "${CLIENT_SECRET:-}" ]]; then text=${text//"$CLIENT_SECRET"/<redacted>}; fi
    for secret in "${REDACT[@]}"; do
        if [[ -n "$secret" ]]; then text=${text//"$secret"/<redacted>}; fi
    done
    printf '%s' "$text" | sed -E -e 's/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/<token>/g' \
        -e 's/(Bearer|access_token["]?[:=] ?["]?)[A-Za-z0-9._~+\/=-]+/\1<token>/g'
}

# Runs az; sets AZ_RC, AZ_OUT, AZ_ERR and never trips `set -e`.
az_run() {
    AZ_RC=0
    az "$@" >"$WORK/az.out" 2>"$WORK/az.err" || AZ_RC=$?
    AZ_OUT=$(cat "$WORK/az.out")
    AZ_ERR=$(cat "$WORK/az.err")
}

# json_ok '<python expression over d>': evaluates it on AZ_OUT parsed as JSON.
json_ok() {
    python3 -c '
import json, sys
try:
    d = json.loads(sys.stdin.read())
    sys.exit(0 if eval(sys.argv[1]) else 1)
except Exception:
    sys.exit(1)
' "$1" <<<"$AZ_OUT"
}

# table_rows: the rows of an `-o table` output on stdin as tab-separated cells, header first. Column bounds come
# from the dashed separator line, so multi-word headers ("PROVISIONING STATE") stay one column.
table_rows() {
    python3 -c '
import re, sys
lines = [l.rstrip("\n") for l in sys.stdin if l.strip()]
if len(lines) < 2 or not re.fullmatch(r"[- ]+", lines[1]):
    sys.exit(1)
starts = [m.start() for m in re.finditer(r"-+", lines[1])]
bounds = list(zip(starts, starts[1:] + [None]))
for line in [lines[0]] + lines[2:]:
    print("\t".join(line[s:e].strip() for s, e in bounds))
'
}

# What went wrong, for a FAIL line: the exit code and the first lines of stderr (or stdout).
detail() {
    local text=${AZ_ERR:-$AZ_OUT}
    echo "exit $AZ_RC; $(printf '%s' "$text" | head -n 4)"
}

random_suffix() { od -An -tx1 -N4 /dev/urandom | tr -d ' \n'; }

# ---------------------------------------------------------------------------------------------------------------
# Prerequisites: the Azure CLI and a built emulator.

if ! command -v az >/dev/null 2>&1; then
    echo "az not found; installing the azure-cli package"
    SUDO=""
    if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
    if ! { $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y azure-cli; } >"$WORK/apt.log" 2>&1; then
        fail "install azure-cli" "$(tail -n 5 "$WORK/apt.log")"
        summary_and_exit
    fi
fi
if ! command -v python3 >/dev/null 2>&1; then
    fail "python3 present" "python3 is needed to check JSON output (the azure-cli package depends on it)"
    summary_and_exit
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Other builds may run at the same time in this tree; on a locked output file, wait and try again.
build_ok=false
for attempt in 1 2 3 4 5; do
    if dotnet build "$REPO_ROOT/src/AcrGeo.Emulator" -c Release -nologo -v q >"$WORK/build.log" 2>&1; then
        build_ok=true
        break
    fi
    if grep -qiE "being used by another process|cannot access the file|locked" "$WORK/build.log"; then
        sleep 20
        continue
    fi
    break
done
if ! $build_ok; then
    fail "build the emulator" "$(grep -E 'error' "$WORK/build.log" | head -n 5)"
    summary_and_exit
fi

# ---------------------------------------------------------------------------------------------------------------
# Start the emulator and read its facts from the connection file it writes to its data folder once it listens (the
# credential is there, owner-only, and never on its standard output).

CONNECTION_FILE="$WORK/emulator/connection.json"
# Started again later on the same port and state file, after a hard kill, to show nothing is lost.
start_emulator() {
    # A hard kill leaves the old emulator's file behind: only a new one means this emulator listens.
    rm -f "$CONNECTION_FILE"
    setsid dotnet run --project "$REPO_ROOT/src/AcrGeo.Emulator" -c Release --no-build -- \
        --port "$1" --state "$WORK/emulator/state.json" --provisioning-delay 2 --sync-delay 4 --retry-after 1 \
        >"$WORK/emulator.out" 2>"$WORK/emulator.err" &
    EMULATOR_PID=$!
    disown "$EMULATOR_PID" 2>/dev/null || true   # cleanup() ends it; no job-control chatter from bash

    local deadline=$(($(date +%s) + 90))
    until [[ -s "$CONNECTION_FILE" ]]; do
        if ! kill -0 "$EMULATOR_PID" 2>/dev/null || (($(date +%s) > deadline)); then
            fail "start the emulator" "$(tail -n 5 "$WORK/emulator.out" "$WORK/emulator.err")"
            summary_and_exit
        fi
        sleep 0.2
    done
}
start_emulator 0

fact() {
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]) or "")' "$CONNECTION_FILE" "$1"
}
BASE_URL=$(fact baseUrl)
CERTIFICATE=$(fact certificate)
TENANT_ID=$(fact tenantId)
SUBSCRIPTION_ID=$(fact subscriptionId)
CLIENT_ID=$(fact clientId)
CLIENT_SECRET=$(fact clientSecret)
if [[ -z "$BASE_URL" || -z "$CERTIFICATE" || -z "$TENANT_ID" || -z "$SUBSCRIPTION_ID" || -z "$CLIENT_ID" || -z "$CLIENT_SECRET" ]]; then
    fail "read the emulator's facts" "baseUrl, certificate, tenantId, subscriptionId, clientId and clientSecret are all expected in $CONNECTION_FILE"
    summary_and_exit
fi
if grep -q -F -- "$CLIENT_SECRET" "$WORK/emulator.out" "$WORK/emulator.err"; then
    fail "the emulator keeps its client secret off its output" "the secret was printed"
else
    pass "the emulator keeps its client secret off its output"
fi
echo "emulator: $BASE_URL (subscription $SUBSCRIPTION_ID)"

# ---------------------------------------------------------------------------------------------------------------
# An Azure CLI of our own: config dir, trust, no phone-home, quiet.

export AZURE_CONFIG_DIR="$WORK/azure"
export REQUESTS_CA_BUNDLE="$CERTIFICATE"
export AZURE_CORE_COLLECT_TELEMETRY=false AZURE_CORE_ERROR_RECOMMENDATION=off AZURE_EXTENSION_USE_DYNAMIC_INSTALL=no
export AZURE_CORE_DISABLE_CONFIRM_PROMPT=true AZURE_CORE_ONLY_SHOW_ERRORS=true AZURE_CORE_NO_COLOR=true
export AZURE_CORE_SURVEY_MESSAGE=false
# The emulator is on loopback: never send its traffic through a proxy the environment may name.
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}"
mkdir -p "$AZURE_CONFIG_DIR"
python3 - "$AZURE_CONFIG_DIR/versionCheck.json" <<'EOF'
import datetime, json, sys
with open(sys.argv[1], "w") as f:
    json.dump({"update_time": datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")}, f)
EOF
cat >"$WORK/cloud.json" <<EOF
{
  "endpoints": {
    "resourceManager": "$BASE_URL/",
    "activeDirectory": "$BASE_URL/adfs",
    "activeDirectoryResourceId": "$BASE_URL/",
    "activeDirectoryGraphResourceId": "$BASE_URL/",
    "microsoftGraphResourceId": "$BASE_URL/"
  },
  "suffixes": {
    "acrLoginServerEndpoint": ".azurecr.io",
    "keyvaultDns": ".vault.azure.net"
  }
}
EOF

SUFFIX=$(random_suffix)
RG="acrgeoconf$SUFFIX"
ACR="acrgeo$SUFFIX"
BASIC_ACR="acrbasic$SUFFIX"
HOOK="hook$SUFFIX"

# ---------------------------------------------------------------------------------------------------------------
# Checks.

az_run cloud register -n AcrGeoEmu --cloud-config "@$WORK/cloud.json"
if [[ $AZ_RC -eq 0 ]]; then az_run cloud set -n AcrGeoEmu; fi
if [[ $AZ_RC -eq 0 ]]; then az_run cloud show -o json; fi
if [[ $AZ_RC -eq 0 ]] && json_ok "d['name'] == 'AcrGeoEmu' and d['isActive'] and d['endpoints']['resourceManager'] == '$BASE_URL/'"; then
    pass "az cloud register + set AcrGeoEmu"
else
    fail "az cloud register + set AcrGeoEmu" "$(detail)"
fi

# The secret goes in as one argument from a variable; it is never echoed.
az_run login --service-principal -u "$CLIENT_ID" --password="$CLIENT_SECRET" --tenant "$TENANT_ID" -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "len(d) == 1 and d[0]['id'] == '$SUBSCRIPTION_ID' and d[0]['tenantId'] == '$TENANT_ID' \
        and d[0]['user'] == {'name': '$CLIENT_ID', 'type': 'servicePrincipal'} and d[0]['state'] == 'Enabled' \
        and d[0]['cloudName'] == 'AcrGeoEmu' and d[0]['isDefault']"; then
    pass "az login --service-principal"
else
    fail "az login --service-principal" "$(detail)"
fi

az_run account show --query id -o tsv
if [[ $AZ_RC -eq 0 && "$AZ_OUT" == "$SUBSCRIPTION_ID" ]]; then
    pass "az account show (default subscription is the emulator's)"
else
    fail "az account show (default subscription is the emulator's)" "$(detail)"
fi

az_run group create -n "$RG" -l westus -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "d['name'] == '$RG' and d['location'] == 'westus' \
        and d['properties']['provisioningState'] == 'Succeeded' \
        and d['id'] == '/subscriptions/$SUBSCRIPTION_ID/resourceGroups/$RG'"; then
    pass "az group create -l westus"
else
    fail "az group create -l westus" "$(detail)"
fi

az_run acr create -n "$ACR" -g "$RG" --sku Premium -l westus -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "d['name'] == '$ACR' and d['location'] == 'westus' and d['sku']['name'] == 'Premium' \
        and d['provisioningState'] == 'Succeeded' and d['loginServer'] == '$ACR.azurecr.io' and d['resourceGroup'] == '$RG'"; then
    pass "az acr create --sku Premium -l westus"
else
    fail "az acr create --sku Premium -l westus" "$(detail)"
fi

for region in japaneast eastus westeurope; do
    az_run acr replication create -r "$ACR" -g "$RG" -l "$region" -o json
    if [[ $AZ_RC -eq 0 ]] && json_ok "d['name'] == '$region' and d['location'] == '$region' \
            and d['type'] == 'Microsoft.ContainerRegistry/registries/replications' \
            and d['provisioningState'] == 'Succeeded' and d['status']['displayStatus'] in ('Syncing', 'Ready') \
            and d['regionEndpointEnabled'] is True and d['zoneRedundancy'] == 'Disabled'"; then
        pass "az acr replication create -l $region"
    else
        fail "az acr replication create -l $region" "$(detail)"
    fi
done

# The table: named columns, the home region listed, every replica present.
az_run acr replication list -r "$ACR" -g "$RG" -o table
if [[ $AZ_RC -eq 0 ]] && TABLE=$(table_rows <<<"$AZ_OUT") && python3 -c '
import sys
rows = [r.split("\t") for r in sys.argv[1].splitlines()]
header, body = rows[0], rows[1:]
need = ["NAME", "LOCATION", "PROVISIONING STATE", "STATUS"]
assert all(c in header for c in need), header
names = sorted(r[header.index("NAME")] for r in body)
assert names == sorted(["westus", "japaneast", "eastus", "westeurope"]), names
assert all(r[header.index("STATUS")] in ("Syncing", "Ready") for r in body)
assert all(r[header.index("PROVISIONING STATE")] == "Succeeded" for r in body)
' "$TABLE" 2>/dev/null; then
    pass "az acr replication list -o table: NAME, LOCATION, PROVISIONING STATE, STATUS; home westus + 3 replicas"
else
    fail "az acr replication list -o table: NAME, LOCATION, PROVISIONING STATE, STATUS; home westus + 3 replicas" \
        "$(detail)"
fi

# After the sync delay (4 s here) every row is Ready; poll a bounded number of times.
ready=false
statuses=""
deadline=$(($(date +%s) + 45))
while (($(date +%s) < deadline)); do
    az_run acr replication list -r "$ACR" -g "$RG" -o table
    if [[ $AZ_RC -eq 0 ]] && TABLE=$(table_rows <<<"$AZ_OUT"); then
        statuses=$(python3 -c '
import sys
rows = [r.split("\t") for r in sys.argv[1].splitlines()]
h = rows[0]
seen = {r[h.index("NAME")]: r[h.index("STATUS")] for r in rows[1:]}
ready = len(seen) == 4 and all(v == "Ready" for v in seen.values())
print(("READY " if ready else "") + " ".join(f"{k}={v}" for k, v in seen.items()))
' "$TABLE" 2>/dev/null || true)
        if [[ "$statuses" == READY* ]]; then
            ready=true
            break
        fi
    fi
    sleep 1
done
if $ready; then
    pass "az acr replication list -o table: all 4 rows Ready after the sync delay"
else
    fail "az acr replication list -o table: all 4 rows Ready after the sync delay" "last seen: ${statuses:-$(detail)}"
fi

az_run acr replication list -r "$ACR" -g "$RG" -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "sorted(r['name'] for r in d) == ['eastus', 'japaneast', 'westeurope', 'westus'] \
        and all(r['status']['displayStatus'] == 'Ready' and r['provisioningState'] == 'Succeeded' for r in d)"; then
    pass "az acr replication list -o json: 4 replicas, all Succeeded and Ready"
else
    fail "az acr replication list -o json: 4 replicas, all Succeeded and Ready" "$(detail)"
fi

az_run acr replication show -r "$ACR" -g "$RG" -n japaneast -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "d['name'] == 'japaneast' and d['location'] == 'japaneast' \
        and d['id'].endswith('/registries/$ACR/replications/japaneast') and d['provisioningState'] == 'Succeeded' \
        and d['status']['displayStatus'] == 'Ready' and d['resourceGroup'] == '$RG'"; then
    pass "az acr replication show -n japaneast"
else
    fail "az acr replication show -n japaneast" "$(detail)"
fi

az_run acr replication show -r "$ACR" -g "$RG" -n westus --query "[name, location, provisioningState]" -o tsv
if [[ $AZ_RC -eq 0 && "$(tr '\t\n' '  ' <<<"$AZ_OUT" | xargs)" == "westus westus Succeeded" ]]; then
    pass "az acr replication show -n westus (the home replica)"
else
    fail "az acr replication show -n westus (the home replica)" "$(detail)"
fi

az_run acr replication delete -r "$ACR" -g "$RG" -n eastus
if [[ $AZ_RC -eq 0 ]]; then
    pass "az acr replication delete -n eastus"
else
    fail "az acr replication delete -n eastus" "$(detail)"
fi

az_run acr replication show -r "$ACR" -g "$RG" -n eastus -o json
show_rc=$AZ_RC show_err=$AZ_ERR
az_run acr replication list -r "$ACR" -g "$RG" --query "[].name" -o tsv
if [[ $show_rc -ne 0 && "$show_err" == *ResourceNotFound* && $AZ_RC -eq 0 && "$AZ_OUT" != *eastus* \
        && "$AZ_OUT" == *japaneast* ]]; then
    pass "replica eastus is gone after the delete (show: ResourceNotFound; not listed)"
else
    fail "replica eastus is gone after the delete (show: ResourceNotFound; not listed)" \
        "show exit $show_rc: $(head -n 2 <<<"$show_err"); list: $(tr '\n' ' ' <<<"$AZ_OUT")"
fi

az_run acr replication delete -r "$ACR" -g "$RG" -n westus
if [[ $AZ_RC -ne 0 && ( "$AZ_ERR" == *HomeReplicationCannotBeDeleted* || "$AZ_ERR" == *"home region"* ) ]]; then
    pass "az acr replication delete -n westus (home) fails with HomeReplicationCannotBeDeleted"
else
    fail "az acr replication delete -n westus (home) fails with HomeReplicationCannotBeDeleted" "$(detail)"
fi

az_run acr replication show -r "$ACR" -g "$RG" -n westus --query name -o tsv
if [[ $AZ_RC -eq 0 && "$AZ_OUT" == westus ]]; then
    pass "home replica westus still there after the refused delete"
else
    fail "home replica westus still there after the refused delete" "$(detail)"
fi

az_run acr webhook create -r "$ACR" -g "$RG" -n "$HOOK" --uri http://127.0.0.1:9/hook --actions push --location japaneast -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "d['name'] == '$HOOK' and d['location'] == 'japaneast' and d['actions'] == ['push'] \
        and d['status'] == 'enabled' and d['provisioningState'] == 'Succeeded' \
        and d['type'] == 'Microsoft.ContainerRegistry/registries/webhooks' and 'serviceUri' not in d"; then
    pass "az acr webhook create --location japaneast (regional webhook; service URI not echoed)"
else
    fail "az acr webhook create --location japaneast (regional webhook; service URI not echoed)" "$(detail)"
fi

az_run acr webhook list -r "$ACR" -g "$RG" -o table
if [[ $AZ_RC -eq 0 ]] && TABLE=$(table_rows <<<"$AZ_OUT") && python3 -c '
import sys
rows = [r.split("\t") for r in sys.argv[1].splitlines()]
h = rows[0]
assert [(r[h.index("NAME")], r[h.index("LOCATION")], r[h.index("STATUS")]) for r in rows[1:]] == [(sys.argv[2], "japaneast", "enabled")]
' "$TABLE" "$HOOK" 2>/dev/null; then
    pass "az acr webhook list -o table shows the hook in japaneast"
else
    fail "az acr webhook list -o table shows the hook in japaneast" "$(detail)"
fi

az_run acr webhook get-config -r "$ACR" -g "$RG" -n "$HOOK" -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "d['serviceUri'] == 'http://127.0.0.1:9/hook'"; then
    pass "az acr webhook get-config returns the service URI"
else
    fail "az acr webhook get-config returns the service URI" "$(detail)"
fi

az_run acr update -n "$ACR" -g "$RG" --sku Basic -o json
if [[ $AZ_RC -ne 0 && "$AZ_ERR" == *[Rr]eplication* && "$AZ_ERR" == *Premium* ]]; then
    pass "az acr update --sku Basic with replicas fails (replications need Premium)"
else
    fail "az acr update --sku Basic with replicas fails (replications need Premium)" "$(detail)"
fi

az_run acr show -n "$ACR" -g "$RG" --query sku.name -o tsv
if [[ $AZ_RC -eq 0 && "$AZ_OUT" == Premium ]]; then
    pass "registry is still Premium after the refused downgrade"
else
    fail "registry is still Premium after the refused downgrade" "$(detail)"
fi

az_run acr replication create -r "$ACR" -g "$RG" -l germanynorth -o json
if [[ $AZ_RC -ne 0 && "$AZ_ERR" == *LocationNotAvailableForResourceType* ]]; then
    pass "az acr replication create -l germanynorth fails with LocationNotAvailableForResourceType"
else
    fail "az acr replication create -l germanynorth fails with LocationNotAvailableForResourceType" "$(detail)"
fi

az_run acr create -n "$BASIC_ACR" -g "$RG" --sku Basic -l westus -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "d['name'] == '$BASIC_ACR' and d['sku']['name'] == 'Basic' and d['provisioningState'] == 'Succeeded'"; then
    pass "az acr create --sku Basic"
else
    fail "az acr create --sku Basic" "$(detail)"
fi

# The CLI refuses this itself after reading the registry's SKU...
az_run acr replication create -r "$BASIC_ACR" -g "$RG" -l japaneast -o json
if [[ $AZ_RC -ne 0 && "$AZ_ERR" == *"Premium SKU"* ]]; then
    pass "az acr replication create on a Basic registry fails (Premium only)"
else
    fail "az acr replication create on a Basic registry fails (Premium only)" "$(detail)"
fi

# ...so send the PUT directly too: the service must refuse it as well.
az_run rest --method put \
    --url "$BASE_URL/subscriptions/$SUBSCRIPTION_ID/resourceGroups/$RG/providers/Microsoft.ContainerRegistry/registries/$BASIC_ACR/replications/japaneast?api-version=2022-02-01-preview" \
    --body '{"location":"japaneast"}'
if [[ $AZ_RC -ne 0 && "$AZ_ERR" == *Premium* && "$AZ_ERR" == *"Bad Request"* ]]; then
    pass "az rest PUT replication on a Basic registry: the service answers 400 (Premium only)"
else
    fail "az rest PUT replication on a Basic registry: the service answers 400 (Premium only)" "$(detail)"
fi

az_run rest --method get \
    --url "$BASE_URL/subscriptions/$SUBSCRIPTION_ID/resourceGroups/$RG/providers/Microsoft.ContainerRegistry/registries/$BASIC_ACR/replications/japaneast?api-version=2022-02-01-preview"
if [[ $AZ_RC -ne 0 && "$AZ_ERR" == *ResourceNotFound* ]]; then
    pass "no replica was created on the Basic registry (GET: ResourceNotFound)"
else
    fail "no replica was created on the Basic registry (GET: ResourceNotFound)" "$(detail)"
fi

# ---------------------------------------------------------------------------------------------------------------
# Key Vault and Microsoft Graph: the source document's vault and service principal steps. The vault's data plane is
# reached by its own host name through the emulator's CONNECT proxy, as the CLI would reach Azure.

KV="kv-conf-$SUFFIX"
SP_NAME="acrgeo-conf-sp-$SUFFIX"
PROXY=$(fact proxy)

az_run keyvault create -n "$KV" -g "$RG" -l westus -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "d['name'] == '$KV' and d['properties']['vaultUri'] == 'https://$KV.vault.azure.net/'"; then
    pass "az keyvault create"
else
    fail "az keyvault create" "$(detail)"
fi

az_run keyvault show -n "$KV" -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "d['name'] == '$KV' and d['properties']['tenantId'] == '$TENANT_ID'"; then
    pass "az keyvault show (found by name, without a resource group)"
else
    fail "az keyvault show (found by name, without a resource group)" "$(detail)"
fi

# The query keeps the new password out of the output: it is never printed, even on failure.
az_run ad sp create-for-rbac -n "$SP_NAME" --query "{appId:appId, displayName:displayName, tenant:tenant}" -o json
SP_APP_ID=$(python3 -c 'import json,sys; print(json.load(sys.stdin).get("appId",""))' <<<"$AZ_OUT" 2>/dev/null || true)
if [[ $AZ_RC -eq 0 && -n "$SP_APP_ID" ]] && json_ok "d['displayName'] == '$SP_NAME' and d['tenant'] == '$TENANT_ID'"; then
    pass "az ad sp create-for-rbac -n (application, service principal and password)"
else
    fail "az ad sp create-for-rbac -n (application, service principal and password)" "$(detail)"
fi

az_run ad sp list --display-name "$SP_NAME" -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "len(d) == 1 and d[0]['appId'] == '$SP_APP_ID'"; then
    pass "az ad sp list --display-name finds exactly the new service principal"
else
    fail "az ad sp list --display-name finds exactly the new service principal" "$(detail)"
fi

az_run ad app credential list --id "$SP_APP_ID" -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "len(d) == 1 and not d[0].get('secretText') and d[0]['endDateTime']"; then
    pass "az ad app credential list shows one password, without its text"
else
    fail "az ad app credential list shows one password, without its text" "$(detail)"
fi

VALUE="conformance-$SUFFIX"
HTTPS_PROXY="$PROXY" NO_PROXY=127.0.0.1 az_run rest --method put --resource https://vault.azure.net \
    --url "https://$KV.vault.azure.net/secrets/$ACR-pull-usr?api-version=7.4" --body "{\"value\": \"$VALUE\"}"
HTTPS_PROXY="$PROXY" NO_PROXY=127.0.0.1 az_run rest --method get --resource https://vault.azure.net \
    --url "https://$KV.vault.azure.net/secrets/$ACR-pull-usr?api-version=7.4"
if [[ -n "$PROXY" && $AZ_RC -eq 0 ]] && json_ok "d['value'] == '$VALUE' and d['id'].startswith('https://$KV.vault.azure.net/secrets/$ACR-pull-usr/')"; then
    pass "az rest sets and gets a secret on the vault's own host name (through the CONNECT proxy)"
else
    fail "az rest sets and gets a secret on the vault's own host name (through the CONNECT proxy)" "proxy '$PROXY'; $(detail)"
fi

# ---------------------------------------------------------------------------------------------------------------
# Registry content: az acr import copies a public image without Docker (the emulator's catalogue; no network), and
# az acr repository reads it back from the login server (through the CONNECT proxy), with ACR's Entra ID exchange.

IMAGE_SOURCE="mcr.microsoft.com/azuredocs/aci-helloworld:latest"

az_run acr import -n "$ACR" --source "$IMAGE_SOURCE" --image aci-helloworld:v1
if [[ $AZ_RC -eq 0 ]]; then
    pass "az acr import --source $IMAGE_SOURCE --image aci-helloworld:v1"
else
    fail "az acr import --source $IMAGE_SOURCE --image aci-helloworld:v1" "$(detail)"
fi

# Imported in the home region; the replicas receive it after the sync delay and report Syncing until then.
az_run acr replication show -r "$ACR" -g "$RG" -n japaneast --query status.displayStatus -o tsv
replica_status=$AZ_OUT
synced=false
deadline=$(($(date +%s) + 30))
while (($(date +%s) < deadline)); do
    az_run acr replication show -r "$ACR" -g "$RG" -n japaneast --query status.displayStatus -o tsv
    if [[ $AZ_RC -eq 0 && "$AZ_OUT" == Ready ]]; then synced=true; break; fi
    sleep 1
done
if [[ "$replica_status" == Syncing ]] && $synced; then
    pass "replica japaneast reports Syncing right after the import, then Ready"
else
    fail "replica japaneast reports Syncing right after the import, then Ready" "right after: '$replica_status'; $(detail)"
fi

HTTPS_PROXY="$PROXY" NO_PROXY=127.0.0.1 az_run acr repository list -n "$ACR" -o json
if [[ -n "$PROXY" && $AZ_RC -eq 0 ]] && json_ok "d == ['aci-helloworld']"; then
    pass "az acr repository list (login server through the CONNECT proxy, Entra ID exchange)"
else
    fail "az acr repository list (login server through the CONNECT proxy, Entra ID exchange)" "proxy '$PROXY'; $(detail)"
fi

HTTPS_PROXY="$PROXY" NO_PROXY=127.0.0.1 az_run acr repository show-tags -n "$ACR" --repository aci-helloworld -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "d == ['v1']"; then
    pass "az acr repository show-tags --repository aci-helloworld"
else
    fail "az acr repository show-tags --repository aci-helloworld" "$(detail)"
fi

HTTPS_PROXY="$PROXY" NO_PROXY=127.0.0.1 az_run acr repository show-tags -n "$ACR" --repository aci-helloworld --detail -o json
FIRST_DIGEST=$(python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["digest"])' <<<"$AZ_OUT" 2>/dev/null || true)
if [[ $AZ_RC -eq 0 && "$FIRST_DIGEST" == sha256:* ]] && json_ok "d[0]['name'] == 'v1' and len(d[0]['digest']) == 71"; then
    pass "az acr repository show-tags --detail: the tag's sha256 digest"
else
    fail "az acr repository show-tags --detail: the tag's sha256 digest" "$(detail)"
fi

az_run acr import -n "$ACR" --source mcr.microsoft.com/hello-world:latest --image aci-helloworld:v1
if [[ $AZ_RC -ne 0 && "$AZ_ERR" == *"already exists in target registry"* ]]; then
    pass "az acr import onto an existing tag without --force fails (tag already exists)"
else
    fail "az acr import onto an existing tag without --force fails (tag already exists)" "$(detail)"
fi

az_run acr import -n "$ACR" --source mcr.microsoft.com/hello-world:latest --image aci-helloworld:v1 --force
HTTPS_PROXY="$PROXY" NO_PROXY=127.0.0.1 az_run acr repository show-tags -n "$ACR" --repository aci-helloworld --detail -o json
if [[ $AZ_RC -eq 0 && -n "$FIRST_DIGEST" ]] && json_ok "d[0]['name'] == 'v1' and d[0]['digest'].startswith('sha256:') \
        and d[0]['digest'] != '$FIRST_DIGEST'"; then
    pass "az acr import --force overwrites the tag (new digest)"
else
    fail "az acr import --force overwrites the tag (new digest)" "$(detail)"
fi

az_run acr import -n "$ACR" --source mcr.microsoft.com/azuredocs/no-such-image:latest --image missing:v1
if [[ $AZ_RC -ne 0 && "$AZ_ERR" == *"Image not found"* ]]; then
    pass "az acr import of an image the source does not have fails (Image not found)"
else
    fail "az acr import of an image the source does not have fails (Image not found)" "$(detail)"
fi

# ---------------------------------------------------------------------------------------------------------------
# Container Instances from the registry, as the source document does it: a pull-only service principal whose appId and
# password are kept in the vault as <registry>-pull-usr and <registry>-pull-pwd, read back, and given to
# az container create. Passwords live in variables and arguments only; queries keep them out of every output.

ACI="aci-demo-$SUFFIX"
LOGIN_SERVER="$ACR.azurecr.io"

az_run acr import -n "$ACR" --source mcr.microsoft.com/azuredocs/aci-helloworld:latest --image aci-helloworld:v1 --force
if [[ $AZ_RC -eq 0 ]]; then
    pass "az acr import aci-helloworld:v1 for Container Instances"
else
    fail "az acr import aci-helloworld:v1 for Container Instances" "$(detail)"
fi

# create-for-rbac's --role/--scopes are broken in Debian's 2.45 (see the notes), so AcrPull is PUT through az rest.
PULL_SP=$(az ad sp create-for-rbac -n "$ACR-pull" --query "[appId, password]" -o tsv 2>/dev/null || true)
PULL_USR=$(sed -n 1p <<<"$PULL_SP")   # a list comes out of -o tsv one item a line
PULL_PWD=$(sed -n 2p <<<"$PULL_SP")
REDACT+=("$PULL_PWD")
PULL_OID=$(az ad sp show --id "$PULL_USR" --query id -o tsv 2>/dev/null || true)
ACR_ID=$(az acr show -n "$ACR" -g "$RG" --query id -o tsv 2>/dev/null || true)
ACR_PULL_ROLE="/subscriptions/$SUBSCRIPTION_ID/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d"
az_run rest --method put \
    --url "$BASE_URL$ACR_ID/providers/Microsoft.Authorization/roleAssignments/$(python3 -c 'import uuid; print(uuid.uuid4())')?api-version=2022-04-01" \
    --body "{\"properties\": {\"roleDefinitionId\": \"$ACR_PULL_ROLE\", \"principalId\": \"$PULL_OID\", \"principalType\": \"ServicePrincipal\"}}"
if [[ -n "$PULL_USR" && -n "$PULL_PWD" && -n "$PULL_OID" && $AZ_RC -eq 0 ]] \
        && json_ok "d['properties']['principalId'] == '$PULL_OID' and d['properties']['roleDefinitionId'] == '$ACR_PULL_ROLE'"; then
    pass "pull principal: az ad sp create-for-rbac, then AcrPull on the registry (az rest PUT roleAssignments)"
else
    fail "pull principal: az ad sp create-for-rbac, then AcrPull on the registry (az rest PUT roleAssignments)" "$(detail)"
fi

for secret in "pull-usr=$PULL_USR" "pull-pwd=$PULL_PWD"; do
    HTTPS_PROXY="$PROXY" NO_PROXY=127.0.0.1 az_run rest --method put --resource https://vault.azure.net \
        --url "https://$KV.vault.azure.net/secrets/$ACR-${secret%%=*}?api-version=7.4" --body "{\"value\": \"${secret#*=}\"}" --query id -o tsv
done
VAULT_USR=$(HTTPS_PROXY="$PROXY" NO_PROXY=127.0.0.1 az rest --method get --resource https://vault.azure.net \
    --url "https://$KV.vault.azure.net/secrets/$ACR-pull-usr?api-version=7.4" --query value -o tsv 2>/dev/null || true)
VAULT_PWD=$(HTTPS_PROXY="$PROXY" NO_PROXY=127.0.0.1 az rest --method get --resource https://vault.azure.net \
    --url "https://$KV.vault.azure.net/secrets/$ACR-pull-pwd?api-version=7.4" --query value -o tsv 2>/dev/null || true)
if [[ -n "$PULL_PWD" && "$VAULT_USR" == "$PULL_USR" && "$VAULT_PWD" == "$PULL_PWD" ]]; then
    pass "the pull principal's appId and password are kept and read back as vault secrets $ACR-pull-usr / -pwd"
else
    fail "the pull principal's appId and password are kept and read back as vault secrets $ACR-pull-usr / -pwd" \
        "read back: user '${VAULT_USR:-<none>}', password $([[ -n "$VAULT_PWD" ]] && echo present || echo '<none>')"
fi

az_run container create -g "$RG" -n "$ACI" --image "$LOGIN_SERVER/aci-helloworld:v1" --registry-login-server "$LOGIN_SERVER" \
    --registry-username "$VAULT_USR" --registry-password "$VAULT_PWD" --dns-name-label "$ACI" --ports 80 --query ipAddress.fqdn -o tsv
if [[ $AZ_RC -eq 0 && "$AZ_OUT" == "$ACI.westus.azurecontainer.io" ]]; then
    pass "az container create from the registry with the vault's credentials --query ipAddress.fqdn ($AZ_OUT)"
else
    fail "az container create from the registry with the vault's credentials --query ipAddress.fqdn" "$(detail)"
fi

az_run container show -g "$RG" -n "$ACI" -o json
if [[ $AZ_RC -eq 0 && -n "$PULL_PWD" && "$AZ_OUT" != *"$PULL_PWD"* ]] && json_ok "d['provisioningState'] == 'Succeeded' \
        and d['instanceView']['state'] == 'Running' and d['containers'][0]['instanceView']['currentState']['state'] == 'Running' \
        and [e['name'] for e in d['containers'][0]['instanceView']['events']] == ['Pulling', 'Pulled', 'Started'] \
        and [(c['server'], c['username'], c.get('password')) for c in d['imageRegistryCredentials']] == [('$LOGIN_SERVER', '$PULL_USR', None)]"; then
    pass "az container show: Running, events Pulling/Pulled/Started, credentials shown without the password"
else
    fail "az container show: Running, events Pulling/Pulled/Started, credentials shown without the password" "$(detail)"
fi

az_run container logs -g "$RG" -n "$ACI"
if [[ $AZ_RC -eq 0 && "$AZ_OUT" == "listening on port 80"* ]]; then
    pass "az container logs: the aci-helloworld line"
else
    fail "az container logs: the aci-helloworld line" "$(detail)"
fi

# A wrong password and a missing tag fail alike: ACI never says which.
az_run container create -g "$RG" -n "$ACI-badpwd" --image "$LOGIN_SERVER/aci-helloworld:v1" --registry-login-server "$LOGIN_SERVER" \
    --registry-username "$PULL_USR" --registry-password "not-the-password" -o json
badpwd_err=$AZ_ERR
az_run container create -g "$RG" -n "$ACI-notag" --image "$LOGIN_SERVER/aci-helloworld:v9" --registry-login-server "$LOGIN_SERVER" \
    --registry-username "$PULL_USR" --registry-password "$PULL_PWD" -o json
if [[ "$badpwd_err" == *"(InaccessibleImage) The image '$LOGIN_SERVER/aci-helloworld:v1' in container group '$ACI-badpwd' is not accessible. Please check the image and registry credential."* \
        && $AZ_RC -ne 0 && "$AZ_ERR" == *"(InaccessibleImage) The image '$LOGIN_SERVER/aci-helloworld:v9' in container group '$ACI-notag' is not accessible. Please check the image and registry credential."* ]]; then
    pass "az container create with a wrong password, or a missing tag: the same InaccessibleImage"
else
    fail "az container create with a wrong password, or a missing tag: the same InaccessibleImage" "wrong password: $badpwd_err; missing tag: $(detail)"
fi

az_run container create -g "$RG" -n "$ACI-2" --image mcr.microsoft.com/azuredocs/aci-helloworld:latest --dns-name-label "$ACI" -o json
if [[ $AZ_RC -ne 0 && "$AZ_ERR" == *DnsNameLabelAlreadyTaken* ]]; then
    pass "az container create with a DNS name label in use in the region fails (DnsNameLabelAlreadyTaken)"
else
    fail "az container create with a DNS name label in use in the region fails (DnsNameLabelAlreadyTaken)" "$(detail)"
fi

# The replica in Japan East has the image by now (the sync delay is 4 s): a group there pulls from it.
az_run container create -g "$RG" -n "$ACI-japan" -l japaneast --image "$LOGIN_SERVER/aci-helloworld:v1" \
    --registry-login-server "$LOGIN_SERVER" --registry-username "$PULL_USR" --registry-password "$PULL_PWD" \
    --query "[location, provisioningState]" -o tsv
if [[ $AZ_RC -eq 0 && "$(tr '\t\n' '  ' <<<"$AZ_OUT" | xargs)" == "japaneast Succeeded" ]]; then
    pass "az container create -l japaneast pulls from the registry's Japan East replica"
else
    fail "az container create -l japaneast pulls from the registry's Japan East replica" "$(detail)"
fi

# The portal's path: the registry's admin user.
az_run acr update -n "$ACR" -g "$RG" --admin-enabled true --query adminUserEnabled -o tsv
ADMIN_PWD=$(az acr credential show -n "$ACR" -g "$RG" --query "passwords[0].value" -o tsv 2>/dev/null || true)
REDACT+=("$ADMIN_PWD")
az_run container create -g "$RG" -n "$ACI-admin" --image "$LOGIN_SERVER/aci-helloworld:v1" --registry-login-server "$LOGIN_SERVER" \
    --registry-username "$ACR" --registry-password "$ADMIN_PWD" --query "[provisioningState, instanceView.state]" -o tsv
if [[ -n "$ADMIN_PWD" && $AZ_RC -eq 0 && "$(tr '\t\n' '  ' <<<"$AZ_OUT" | xargs)" == "Succeeded Running" ]]; then
    pass "az container create with the admin user (az acr update --admin-enabled true, az acr credential show)"
else
    fail "az container create with the admin user (az acr update --admin-enabled true, az acr credential show)" "$(detail)"
fi

az_run container delete -g "$RG" -n "$ACI-admin" --yes --query name -o tsv
delete_rc=$AZ_RC delete_out=$AZ_OUT
az_run container show -g "$RG" -n "$ACI-admin" -o json
if [[ $delete_rc -eq 0 && "$delete_out" == "$ACI-admin" && $AZ_RC -ne 0 && "$AZ_ERR" == *ContainerGroupNotFound* ]]; then
    pass "az container delete --yes, then show: ContainerGroupNotFound"
else
    fail "az container delete --yes, then show: ContainerGroupNotFound" "delete exit $delete_rc ($delete_out); show: $(detail)"
fi

# ---------------------------------------------------------------------------------------------------------------
# Secretless pulls: a user-assigned managed identity (az identity create), AcrPull for it, and az container create
# --acr-identity with the identity assigned (--assign-identity), as Azure's documentation has it. az role assignment
# create is broken in Debian's 2.45 (see the notes), so AcrPull is PUT through az rest, as for the pull principal.

MI_NAME="acrpull-$SUFFIX"
az_run identity create -g "$RG" -n "$MI_NAME" -o json
MI_ID=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read() or "{}").get("id", ""))' <<<"$AZ_OUT")
MI_PRINCIPAL=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read() or "{}").get("principalId", ""))' <<<"$AZ_OUT")
if [[ $AZ_RC -eq 0 ]] && json_ok "d['type'] == 'Microsoft.ManagedIdentity/userAssignedIdentities' and d['name'] == '$MI_NAME' \
        and d['location'] == 'westus' and d['tenantId'] == '$TENANT_ID' and len(d['principalId']) == 36 and len(d['clientId']) == 36"; then
    pass "az identity create: a user-assigned identity with its principal and client ids, in the group's region"
else
    fail "az identity create: a user-assigned identity with its principal and client ids, in the group's region" "$(detail)"
fi

az_run identity show -g "$RG" -n "$MI_NAME" --query principalId -o tsv
if [[ $AZ_RC -eq 0 && -n "$MI_PRINCIPAL" && "$AZ_OUT" == "$MI_PRINCIPAL" ]]; then
    pass "az identity show: the same principal id"
else
    fail "az identity show: the same principal id" "$(detail)"
fi

# The identity is assigned but holds no role on the registry yet: ACI cannot pull, and says so as for any other cause.
az_run container create -g "$RG" -n "$ACI-mi" --image "$LOGIN_SERVER/aci-helloworld:v1" --acr-identity "$MI_ID" --assign-identity "$MI_ID" -o json
norole_rc=$AZ_RC norole_err=$AZ_ERR
# The credential names an identity that is not assigned to the group.
az_run container create -g "$RG" -n "$ACI-mi" --image "$LOGIN_SERVER/aci-helloworld:v1" --acr-identity "$MI_ID" -o json
if [[ $norole_rc -ne 0 && "$norole_err" == *"(InaccessibleImage)"* && $AZ_RC -ne 0 && "$AZ_ERR" == *"(InvalidImageRegistryIdentity)"* ]]; then
    pass "az container create --acr-identity: InaccessibleImage without a pull role, InvalidImageRegistryIdentity without --assign-identity"
else
    fail "az container create --acr-identity: InaccessibleImage without a pull role, InvalidImageRegistryIdentity without --assign-identity" \
        "no role: exit $norole_rc, $norole_err; not assigned: $(detail)"
fi

az_run rest --method put \
    --url "$BASE_URL$ACR_ID/providers/Microsoft.Authorization/roleAssignments/$(python3 -c 'import uuid; print(uuid.uuid4())')?api-version=2022-04-01" \
    --body "{\"properties\": {\"roleDefinitionId\": \"$ACR_PULL_ROLE\", \"principalId\": \"$MI_PRINCIPAL\", \"principalType\": \"ServicePrincipal\"}}"
if [[ $AZ_RC -eq 0 ]] && json_ok "d['properties']['principalId'] == '$MI_PRINCIPAL' and d['properties']['principalType'] == 'ServicePrincipal'"; then
    pass "AcrPull on the registry for the identity (az rest PUT roleAssignments, principalType ServicePrincipal)"
else
    fail "AcrPull on the registry for the identity (az rest PUT roleAssignments, principalType ServicePrincipal)" "$(detail)"
fi

# --acr-identity by name: the CLI reads the identity in the group to find its id.
az_run container create -g "$RG" -n "$ACI-mi" --image "$LOGIN_SERVER/aci-helloworld:v1" --acr-identity "$MI_NAME" --assign-identity "$MI_ID" \
    --query "[provisioningState, identity.type, imageRegistryCredentials[0].identity, imageRegistryCredentials[0].username]" -o tsv
# -o tsv prints a missing value as None: the credential has no user name.
if [[ $AZ_RC -eq 0 && "$(tr '\t\n' '  ' <<<"$AZ_OUT" | xargs)" == "Succeeded UserAssigned $MI_ID None" ]]; then
    pass "az container create --acr-identity <name> --assign-identity <id>: pulls as the identity, no user name or password"
else
    fail "az container create --acr-identity <name> --assign-identity <id>: pulls as the identity, no user name or password" "$(detail)"
fi

az_run container show -g "$RG" -n "$ACI-mi" -o json
if [[ $AZ_RC -eq 0 ]] && json_ok "d['instanceView']['state'] == 'Running' \
        and d['identity']['userAssignedIdentities']['$MI_ID']['principalId'] == '$MI_PRINCIPAL'"; then
    pass "az container show: Running, the identity's principal id under identity.userAssignedIdentities"
else
    fail "az container show: Running, the identity's principal id under identity.userAssignedIdentities" "$(detail)"
fi

az_run container restart -g "$RG" -n "$ACI-mi"
restart_rc=$AZ_RC
az_run identity delete -g "$RG" -n "$MI_NAME"
az_run container restart -g "$RG" -n "$ACI-mi"
if [[ $restart_rc -eq 0 && $AZ_RC -ne 0 && "$AZ_ERR" == *"(InaccessibleImage)"* ]]; then
    pass "az container restart pulls as the identity again, and fails once az identity delete removed it"
else
    fail "az container restart pulls as the identity again, and fails once az identity delete removed it" "first restart exit $restart_rc; after delete: $(detail)"
fi

# ---------------------------------------------------------------------------------------------------------------
# A hard kill (no shutdown, no flush) and a restart on the same state file: every resource is still there, and the
# CLI's cached token, signed before the kill, is still accepted.

EXPECTED_REPLICAS=$(az acr replication list -r "$ACR" -g "$RG" --query "sort([].name)" -o tsv 2>/dev/null | tr '\n' ' ')
kill -KILL -- "-$EMULATOR_PID" 2>/dev/null || kill -KILL "$EMULATOR_PID" 2>/dev/null || true
for _ in $(seq 1 50); do kill -0 "$EMULATOR_PID" 2>/dev/null || break; sleep 0.1; done
PORT=${BASE_URL##*:}
start_emulator "$PORT"
if [[ "$(fact baseUrl)" == "$BASE_URL" ]]; then
    pass "the emulator restarts on the same state file after kill -9"
else
    fail "the emulator restarts on the same state file after kill -9" "baseUrl was $(fact baseUrl)"
fi

az_run acr replication list -r "$ACR" -g "$RG" --query "sort([].name)" -o tsv
if [[ $AZ_RC -eq 0 && -n "$EXPECTED_REPLICAS" && "$(echo "$AZ_OUT" | tr '\n' ' ')" == "$EXPECTED_REPLICAS" ]]; then
    pass "after kill -9 and restart, every replica is still there ($EXPECTED_REPLICAS)"
else
    fail "after kill -9 and restart, every replica is still there" "expected '$EXPECTED_REPLICAS'; $(detail)"
fi

az_run acr webhook list -r "$ACR" -g "$RG" --query "[].name" -o tsv
if [[ $AZ_RC -eq 0 && "$AZ_OUT" == *"$HOOK"* ]]; then
    pass "after kill -9 and restart, the webhook is still there"
else
    fail "after kill -9 and restart, the webhook is still there" "$(detail)"
fi

az_run acr show -n "$BASIC_ACR" -g "$RG" --query sku.name -o tsv
if [[ $AZ_RC -eq 0 && "$AZ_OUT" == Basic ]]; then
    pass "after kill -9 and restart, the Basic registry is still there"
else
    fail "after kill -9 and restart, the Basic registry is still there" "$(detail)"
fi

summary_and_exit
