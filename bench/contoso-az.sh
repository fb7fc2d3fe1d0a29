#!/usr/bin/env bash
# The Contoso flow of examples/Contoso.ps1 as the source documents tell it with the Azure CLI, one az command per step,
# against the emulator Invoke-Benchmark.ps1 set az up for (its environment carries AZURE_CONFIG_DIR and the CA bundle).
#   bash bench/contoso-az.sh <emulator base URL> <CONNECT proxy URL>
# Steps Debian's azure-cli 2.45 cannot do itself (vault secrets, role assignments) go through az rest, as
# tests/conformance/az-conformance.sh does; the container group's registry password goes in a YAML file (owner only),
# never on a command line. Prints {"commands": N} last. Stops at the first failure; prints no secret.
set -euo pipefail
BASE_URL=$1
PROXY=$2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/contoso-az.XXXXXX")
chmod 700 "$WORK"
trap 'rm -rf "$WORK"' EXIT
# Counted in a file: a command substitution runs in a subshell, whose variables do not come back.
run() { echo >>"$WORK/commands"; az "$@"; }
vault() { echo >>"$WORK/commands"; HTTPS_PROXY="$PROXY" NO_PROXY=127.0.0.1 az rest --resource https://vault.azure.net "$@"; }

RG=contoso; ACR=contosoacr; KV=contoso-kv; HOOK=westeuropepush
run group create -n $RG -l westus -o none
run acr create -n $ACR -g $RG -l westus --sku Premium -o none
for region in eastus canadacentral westeurope japaneast; do
    run acr replication create -r $ACR -g $RG -l $region -o none
done
run acr replication list -r $ACR -g $RG -o table >/dev/null
run account list-locations --query '[].name' -o tsv >/dev/null
run acr webhook create -r $ACR -g $RG -n $HOOK --uri https://contoso.example/acr-events --actions push -l westeurope -o none
# The home replica cannot go: az is refused by the service.
if run acr replication delete -r $ACR -g $RG -n westus -o none 2>/dev/null; then echo "the home replica was removed" >&2; exit 1; fi
run acr replication delete -r $ACR -g $RG -n japaneast -o none
run acr replication update -r $ACR -g $RG -n eastus --region-endpoint-enabled false -o none
run acr replication update -r $ACR -g $RG -n eastus --region-endpoint-enabled true -o none
run acr replication list -r $ACR -g $RG -o table >/dev/null
run acr import -n $ACR --source mcr.microsoft.com/azuredocs/aci-helloworld:latest --image aci-helloworld:v1 -o none
run acr show-usage -n $ACR -o table >/dev/null
run keyvault create -n $KV -g $RG -l westus -o none
SP=$(run ad sp create-for-rbac -n $ACR-pull --query '[appId, password]' -o tsv)
APP_ID=$(sed -n 1p <<<"$SP"); PASSWORD=$(sed -n 2p <<<"$SP")
OBJECT_ID=$(run ad sp show --id "$APP_ID" --query id -o tsv)
ACR_ID=$(run acr show -n $ACR -g $RG --query id -o tsv)
SUBSCRIPTION=$(cut -d/ -f3 <<<"$ACR_ID")
run rest --method put --url "$BASE_URL$ACR_ID/providers/Microsoft.Authorization/roleAssignments/$(cat /proc/sys/kernel/random/uuid)?api-version=2022-04-01" \
    --body "{\"properties\":{\"roleDefinitionId\":\"/subscriptions/$SUBSCRIPTION/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d\",\"principalId\":\"$OBJECT_ID\",\"principalType\":\"ServicePrincipal\"}}" -o none
printf '{"value": "%s"}' "$APP_ID" >"$WORK/usr.json"
printf '{"value": "%s"}' "$PASSWORD" >"$WORK/pwd.json"
vault --method put --url "https://$KV.vault.azure.net/secrets/$ACR-pull-usr?api-version=7.4" --body "@$WORK/usr.json" -o none
vault --method put --url "https://$KV.vault.azure.net/secrets/$ACR-pull-pwd?api-version=7.4" --body "@$WORK/pwd.json" -o none
cat >"$WORK/aci.yaml" <<EOF
apiVersion: 2019-12-01
location: westeurope
name: aci-demo
properties:
  containers:
  - name: aci-demo
    properties:
      image: $ACR.azurecr.io/aci-helloworld:v1
      ports: [{port: 80}]
      resources: {requests: {cpu: 1.0, memoryInGB: 1.5}}
  osType: Linux
  ipAddress: {type: Public, ports: [{protocol: tcp, port: 80}], dnsNameLabel: aci-demo}
  imageRegistryCredentials:
  - {server: $ACR.azurecr.io, username: $APP_ID, password: $PASSWORD}
type: Microsoft.ContainerInstance/containerGroups
EOF
run container create -g $RG --file "$WORK/aci.yaml" --query ipAddress.fqdn -o tsv >/dev/null
echo "{\"commands\": $(wc -l <"$WORK/commands")}"
