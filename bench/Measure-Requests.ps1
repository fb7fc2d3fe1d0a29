#Requires -Version 7.4
<#
.SYNOPSIS
    How many requests each cmdlet sends for one typical call, counted in the emulator's request log, written into
    docs/benchmarks.md.
.DESCRIPTION
    Runs the module's cmdlets one after another, as the Contoso story uses them, against an emulator of its own with no
    provisioning or sync delay (so waits cost one look, and the counts are the floor a call needs). Before each call the
    request log is emptied; after it, the log's entries are counted by service: ARM reads (GET, and the POSTs that only
    read: Resource Graph queries, list actions, name checks), ARM writes (PUT, PATCH, DELETE, other POSTs),
    Microsoft Graph, Key Vault, the registry's data plane (ACR's token exchange included) and sign-ins (token requests). A second run of the idempotent calls shows what a re-run costs. A waiting call's count grows with
    the time it waits: one replica list per registry per poll interval.

    Needs the built module and emulator (build.ps1 Build). Not part of the tests: counts are documented, and the tests
    assert the ones that matter (a refusal sends nothing that changes anything; a wait lists once per interval).
.EXAMPLE
    dotnet pwsh ./bench/Measure-Requests.ps1
#>
[CmdletBinding()]
param(
    # Where the table goes, between its markers; nothing is written when empty.
    [string] $Output = (Join-Path $PSScriptRoot '../docs/benchmarks.md')
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
Import-Module (Join-Path $root 'out/AcrGeo/AcrGeo.psd1')
if (-not $env:ACRGEO_EMULATOR_PATH) { $env:ACRGEO_EMULATOR_PATH = Join-Path $root 'out/emulator' }

$emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 0 -SyncDelaySeconds 0 -PollIntervalSeconds 1
$adminUrl = "$($emulator.BaseUrl.ToString().TrimEnd('/'))/_emulator/requests"
$rows = [System.Collections.Generic.List[object]]::new()

function Measure-Call {
    param([Parameter(Mandatory)] [string] $Call, [Parameter(Mandatory)] [scriptblock] $Script)
    $null = Invoke-RestMethod -Method Delete -Uri $adminUrl -SkipCertificateCheck
    $result = & $Script
    $log = @(Invoke-RestMethod -Uri $adminUrl -SkipCertificateCheck | ForEach-Object { $_ })
    # Each request in one column, by the service it went to (the emulator logs the Azure host name a client dialled).
    $counts = [ordered]@{ ArmReads = 0; ArmWrites = 0; Graph = 0; KeyVault = 0; Registry = 0; SignIn = 0 }
    foreach ($request in $log) {
        $column = switch -Regex ($request.host) {
            'azurecr\.' { 'Registry'; break }
            '\.vault\.' { 'KeyVault'; break }
            '^graph\.' { 'Graph'; break }
            '^login\.|^169\.254\.' { 'SignIn'; break }
            default {
                if ($request.path -match '/oauth2/|^/msi/|^/metadata/identity') { 'SignIn' }
                elseif ($request.path -match '^/(v1\.0|beta)/') { 'Graph' }
                # Resource Graph queries, list* actions and name checks are POSTs that only read.
                elseif ($request.method -eq 'GET' -or $request.path -match '/providers/Microsoft\.ResourceGraph/resources$|/list\w+$|/checkNameAvailability$') { 'ArmReads' }
                else { 'ArmWrites' }
            }
        }
        $counts[$column]++
    }
    $counts.Call = $Call
    $counts.Total = $log.Count
    $rows.Add([pscustomobject]$counts)
    $result
}

try {
    $null = Measure-Call 'New-AcrRegistry -CreateResourceGroup' {
        New-AcrRegistry -Name contosoacr -ResourceGroupName contoso -Location westus -Sku Premium -CreateResourceGroup
    }
    $null = Measure-Call 'Get-AcrRegistry -Name' { Get-AcrRegistry -Name contosoacr }
    $null = Measure-Call 'New-AcrReplica, 4 regions' { New-AcrReplica -Registry contosoacr -Location eastus, canadacentral, westeurope, japaneast }
    $null = Measure-Call 'New-AcrReplica, run again' { New-AcrReplica -Registry contosoacr -Location eastus, canadacentral, westeurope, japaneast }
    $null = Measure-Call 'Get-AcrReplica' { Get-AcrReplica -Registry contosoacr }
    $null = Measure-Call 'Get-AcrRegistry | Get-AcrReplica' { Get-AcrRegistry -Name contosoacr | Get-AcrReplica }
    $null = Measure-Call 'Wait-AcrReplica (all Ready)' { Wait-AcrReplica -Registry contosoacr }
    $null = Measure-Call 'Get-AcrReplica -All (Resource Graph)' { Get-AcrReplica -All }
    $null = Measure-Call 'Get-AcrRegion' { Get-AcrRegion -Registry contosoacr }
    $null = Measure-Call 'Export-AcrRegionMap' { Export-AcrRegionMap -Registry contosoacr -Path (Join-Path ([IO.Path]::GetTempPath()) "acrgeo-map-$PID.svg") }
    $null = Measure-Call 'New-AcrWebhook -Location westeurope' {
        New-AcrWebhook -Registry contosoacr -Name contosohook -Location westeurope -ServiceUri https://hooks.contoso.example/acr -Action push
    }
    $null = Measure-Call 'Set-AcrReplica -GlobalEndpointRouting Disabled' { Set-AcrReplica -Registry contosoacr -Name eastus -GlobalEndpointRouting Disabled }
    $null = Measure-Call 'Set-AcrReplica -GlobalEndpointRouting Enabled' { Set-AcrReplica -Registry contosoacr -Name eastus -GlobalEndpointRouting Enabled }
    $null = Measure-Call 'Get-AcrRegistryEndpoint' { Get-AcrRegistryEndpoint -Registry contosoacr }
    $null = Measure-Call 'Sync-AcrReplica -Prune (1 removal)' {
        Sync-AcrReplica -Registry contosoacr -Location westus, eastus, canadacentral, westeurope -Prune -Force -Confirm:$false
    }
    $null = Measure-Call 'Sync-AcrReplica, run again (no-op)' {
        Sync-AcrReplica -Registry contosoacr -Location westus, eastus, canadacentral, westeurope -Prune -Force -Confirm:$false
    }
    $null = Measure-Call 'New-AcrReplica, 1 region' { New-AcrReplica -Registry contosoacr -Location japaneast }
    $null = Measure-Call 'Remove-AcrReplica, 1 region' { Remove-AcrReplica -Registry contosoacr -Name japaneast -Confirm:$false }
    $null = Measure-Call 'Import-AcrImage (from MCR)' { Import-AcrImage -Registry contosoacr -Source mcr.microsoft.com/azuredocs/aci-helloworld:latest -Image aci-helloworld:v1 }
    $null = Measure-Call 'Get-AcrImageReplication (3 replicas + home)' { Get-AcrImageReplication -Registry contosoacr -Image aci-helloworld:v1 }
    $null = Measure-Call 'Wait-AcrImage (already everywhere)' { Wait-AcrImage -Registry contosoacr -Image aci-helloworld:v1 }
    $null = Measure-Call 'Get-AcrRegistryUsage' { Get-AcrRegistryUsage -Registry contosoacr }
    $null = Measure-Call 'New-AcrKeyVault' { New-AcrKeyVault -Name contoso-kv -ResourceGroupName contoso -Location westus }
    $principal = Measure-Call 'New-AcrPullPrincipal' { New-AcrPullPrincipal -Registry contosoacr -VaultName contoso-kv }
    $null = Measure-Call 'New-AcrPullPrincipal, run again' { New-AcrPullPrincipal -Registry contosoacr -VaultName contoso-kv }
    $null = Measure-Call 'Get-AcrPullCredential' { Get-AcrPullCredential -Registry contosoacr -VaultName contoso-kv }
    $null = Measure-Call 'New-AcrContainerInstance (password from the vault)' {
        $principal | New-AcrContainerInstance -Name aci-demo -ResourceGroupName contoso -Location westeurope -Image aci-helloworld:v1
    }
    $null = Measure-Call 'Get-AcrPullPrincipal -ExpiringWithin 400 days' { Get-AcrPullPrincipal -ExpiringWithin 400.00:00:00 }
    $null = Measure-Call 'Reset-AcrPullPrincipalCredential -UpdateContainerInstance (1 group)' {
        Reset-AcrPullPrincipalCredential -Registry contosoacr -VaultName contoso-kv -UpdateContainerInstance -Confirm:$false
    }
    $identity = Measure-Call 'New-AcrPullIdentity' { New-AcrPullIdentity -Registry contosoacr -Name contoso-pull -ResourceGroupName contoso }
    $null = Measure-Call 'New-AcrPullIdentity, run again' { New-AcrPullIdentity -Registry contosoacr -Name contoso-pull -ResourceGroupName contoso }
    $null = Measure-Call 'New-AcrContainerInstance -PullIdentity' {
        $identity | New-AcrContainerInstance -Name aci-secretless -Location westeurope -Image aci-helloworld:v1
    }
    $null = Measure-Call 'Restart-AcrContainerInstance' { Restart-AcrContainerInstance -ResourceGroupName contoso -Name aci-demo -Confirm:$false }
    $null = Measure-Call 'Get-AcrPullIdentity' { Get-AcrPullIdentity -Registry contosoacr }
    $null = Measure-Call 'New-AcrPullIdentity, a second one' { New-AcrPullIdentity -Registry contosoacr -Name contoso-spare -ResourceGroupName contoso }
    $null = Measure-Call 'Remove-AcrPullIdentity (role and identity)' {
        Remove-AcrPullIdentity -Registry contosoacr -Name contoso-spare -ResourceGroupName contoso -Confirm:$false
    }
    $null = Measure-Call 'Remove-AcrContainerInstance' { Remove-AcrContainerInstance -ResourceGroupName contoso -Name aci-secretless -Confirm:$false }
    $null = Measure-Call 'Remove-AcrWebhook' { Remove-AcrWebhook -Registry contosoacr -Name contosohook -Confirm:$false }
}
finally {
    Stop-AcrGeoEmulator
}

$lines = @(
    '| Call | ARM reads | ARM writes | Graph | Key Vault | Registry | Sign-ins | Total |'
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
    $rows | ForEach-Object { '| {0} | {1} | {2} | {3} | {4} | {5} | {6} | {7} |' -f ($_.Call -replace '\|', '\|'), $_.ArmReads, $_.ArmWrites, $_.Graph, $_.KeyVault, $_.Registry, $_.SignIn, $_.Total }
)
$lines | Write-Output
if ($Output) {
    $text = Get-Content -Raw -LiteralPath $Output
    $table = "<!-- requests:begin -->`n" + "Measured $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd')) with ``bench/Measure-Requests.ps1`` (poll interval 1 s, no provisioning delay).`n`n" + ($lines -join "`n") + "`n<!-- requests:end -->"
    $text = [regex]::Replace($text, '(?s)<!-- requests:begin -->.*?<!-- requests:end -->', { $table })
    Set-Content -LiteralPath $Output -Value $text -NoNewline
}
