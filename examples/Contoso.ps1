#Requires -Version 7.4
<#
.SYNOPSIS
    The source documents' Contoso story, told through the AcrGeo cmdlets against a local Azure emulator.
.DESCRIPTION
    Contoso runs a Premium registry in West US and replicates it to East US, Canada Central and West Europe (and to
    Japan East, which it then removes), watches the replicas sync, reads the region map, adds a regional webhook, is
    refused when it tries to remove the home replica, drains East US during an incident and brings it back, checks
    its desired state, imports an image without Docker and waits until every region serves it, keeps least-privilege pull
    credentials in Key Vault, and deploys a container instance that pulls from the replica in its own region; then the
    secretless way beside it: a managed identity with AcrPull, and a container instance that pulls as it.

    The script starts an emulator of its own (Start-AcrGeoEmulator) and stops it at the end, whatever happens, so it
    needs no Azure subscription. What it shows is what the cmdlets print (their tables and progress bars), with one
    line per step. Run it with: dotnet pwsh ./build.ps1 Demo
.PARAMETER ModulePath
    The AcrGeo module to import; by default the one the build lays out in out/AcrGeo.
.PARAMETER ProvisioningDelaySeconds
    How long the emulator takes to provision a replica (Azure takes minutes).
.PARAMETER SyncDelaySeconds
    How long content takes to reach a replica after it is provisioned or after a push.
.PARAMETER RequestLog
    A file to write the emulator's request log to (JSON) before it stops: what the story sent, for the benchmark.
.EXAMPLE
    dotnet pwsh ./examples/Contoso.ps1 -ProvisioningDelaySeconds 5 -SyncDelaySeconds 10
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/AcrGeo/AcrGeo.psd1'),
    [ValidateRange(0, 600)] [double] $ProvisioningDelaySeconds = 3,
    [ValidateRange(0, 600)] [double] $SyncDelaySeconds = 5,
    [string] $RequestLog
)
$ErrorActionPreference = 'Stop'
Import-Module -Name $ModulePath

$clock = [Diagnostics.Stopwatch]::StartNew()
function Step([string] $Text) {
    Write-Host ('[{0,5:n1}s] {1}' -f $clock.Elapsed.TotalSeconds, $Text) -ForegroundColor Cyan
}

$emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds $ProvisioningDelaySeconds -SyncDelaySeconds $SyncDelaySeconds
try {
    Step "A local Azure emulator at $($emulator.BaseUrl); AcrGeo is connected to it"

    $registry = New-AcrRegistry -Name contosoacr -ResourceGroupName contoso -Location westus -Sku Premium -CreateResourceGroup
    Step "Premium registry $($registry.LoginServer) in West US, the home region"

    Step 'Replicating to East US, Canada Central, West Europe and Japan East, all at once'
    New-AcrReplica -Registry contosoacr -Location eastus, canadacentral, westeurope, japaneast | Out-Null
    Step 'Provisioned; the new replicas are still catching up with the home region'
    Get-AcrReplica -Registry contosoacr | Out-Host

    Get-AcrReplica -Registry contosoacr | Wait-AcrReplica | Out-Null
    Step 'Every replica is Ready'
    Get-AcrReplica -Registry contosoacr | Out-Host

    Step 'The replication map: where the registry is, and where it could be'
    Get-AcrRegion -Registry contosoacr -State Home, Replica | Out-Host
    $available = @(Get-AcrRegion -Registry contosoacr -State Available).Count
    $unavailable = @(Get-AcrRegion -Registry contosoacr -State Unavailable).Name
    Step "$available more regions are available; unavailable to this subscription: $($unavailable -join ', ')"

    New-AcrWebhook -Registry contosoacr -Name westeuropepush -ServiceUri https://contoso.example/acr-events -Location westeurope -Action push |
        Out-Host
    Step 'A regional webhook hears of pushes as they land in West Europe'

    try {
        Remove-AcrReplica -Registry contosoacr -Name westus -Confirm:$false
    }
    catch {
        Step "Removing the home replica is refused: $($_.FullyQualifiedErrorId.Split(',')[0])"
    }

    Get-AcrReplica -Registry contosoacr -Name japaneast | Remove-AcrReplica -Confirm:$false
    Step 'Removed the Japan East replica: one Premium charge less'

    Step 'An incident in East US: drain it. It keeps syncing, but the global endpoint routes no client there'
    Set-AcrReplica -Registry contosoacr -Name eastus -GlobalEndpointRouting Disabled -PassThru | Out-Host
    Get-AcrRegistryEndpoint -Registry contosoacr | Format-Table Region, GlobalEndpointRouting, LoginServer, DataEndpoint -AutoSize | Out-Host
    Set-AcrReplica -Registry contosoacr -Name eastus -GlobalEndpointRouting Enabled
    Step 'Incident over: East US takes routed traffic again'

    Step 'The desired state, checked: Sync-AcrReplica -WhatIf finds every region as it should be'
    Sync-AcrReplica -Registry contosoacr -Location westus, eastus, canadacentral, westeurope -WhatIf | Out-Host
    Get-AcrReplica -Registry contosoacr | Out-Host

    # Source document 004: an image without Docker, pull credentials in Key Vault, a container instance.
    Import-AcrImage -Registry contosoacr -Source mcr.microsoft.com/azuredocs/aci-helloworld:latest -Image aci-helloworld:v1 | Out-Host
    Step 'Imported aci-helloworld:v1 without Docker; waiting until every region serves it, asking each regional endpoint'
    Wait-AcrImage -Registry contosoacr -Image aci-helloworld:v1 -TimeoutSeconds 300 | Out-Host
    Get-AcrRegistryUsage -Registry contosoacr | Out-Host

    New-AcrKeyVault -Name contoso-kv -ResourceGroupName contoso -Location westus | Out-Null
    $principal = New-AcrPullPrincipal -Registry contosoacr -VaultName contoso-kv
    $principal | Out-Host
    Step "A service principal with $($principal.Role) on contosoacr alone; its credentials are the vault secrets $($principal.UsernameSecretName) and $($principal.PasswordSecretName)"

    $instance = $principal |
        New-AcrContainerInstance -Name aci-demo -ResourceGroupName contoso -Location westeurope -Image aci-helloworld:v1
    $instance | Out-Host
    Step "Container group $($instance.Name) is $($instance.State) in $($instance.Location), pulled from the $($instance.Location) replica"

    # The secretless way beside it: a managed identity with AcrPull, assigned to the group; no password anywhere.
    $identity = New-AcrPullIdentity -Registry contosoacr -Name contoso-pull -ResourceGroupName contoso
    $identity | Out-Host
    Step "A managed identity with $($identity.Role) on contosoacr alone: nothing to store in a vault, rotate or leak"

    $secretless = $identity | New-AcrContainerInstance -Name aci-secretless -Location westeurope -Image aci-helloworld:v1
    $secretless | Out-Host
    Step "Container group $($secretless.Name) is $($secretless.State): it pulled as the identity, with no user name or password"

    Step "Done. The container instances answer at http://$($instance.Fqdn) and http://$($secretless.Fqdn)"
    $instance.Fqdn
}
finally {
    if ($RequestLog) {
        Invoke-RestMethod -Uri "$($emulator.BaseUrl.ToString().TrimEnd('/'))/_emulator/requests" -SkipCertificateCheck |
            ConvertTo-Json -Depth 3 | Set-Content -LiteralPath $RequestLog
    }
    Stop-AcrGeoEmulator
}
