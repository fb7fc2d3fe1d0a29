#Requires -Version 7.4
<#
.SYNOPSIS
    The fault matrix: every mutating cmdlet's flow, with a fault injected at each distinct request it sends, as a flaky
    Azure would behave, then run again without faults.
.DESCRIPTION
    For each flow of FaultMatrix.Flows.ps1 a fault-free run first lists the distinct requests the flow sends (method, host
    and path, in order). Then, for each of them and each fault (429 with Retry-After, 500, 503, a dropped connection, and,
    for a request that starts a long-running operation, an operation that ends Failed), once (transient) and until
    cleared (persistent), a fresh run goes through the built module against the emulator's fault rules. Each run must end
    clean:
      - a transient fault ends in success, through the retries;
      - a persistent one in success or in a specific AcrGeo.* error (never a raw .NET exception, never AcrGeo.Unexpected);
      - whatever the run left behind that was not there before is named in its output, errors or warnings;
    and a fault-free re-run must converge: the flow's Assert finds the intended state, once, and no secret appears in any
    output, error, warning or verbose text of either run. The results go to a JSON file, which Update-ReliabilityDoc.ps1
    turns into the counts in docs/reliability.md. The exit code is 0 only when every run was clean and every re-run converged.
.EXAMPLE
    dotnet pwsh tests/Reliability/Invoke-FaultMatrix.ps1 -Flow New-AcrReplica
#>
[CmdletBinding()]
param(
    # The flows to run (names from FaultMatrix.Flows.ps1); all by default.
    [string[]] $Flow,
    # Where the results go.
    [string] $OutputPath = (Join-Path $PSScriptRoot '../../out/reliability/fault-matrix.json')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ProgressPreference = 'SilentlyContinue'
# From 'pwsh -File' the list arrives as one comma-separated string.
$Flow = @($Flow | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
. (Join-Path $PSScriptRoot '../Pester/Common.ps1')
. (Join-Path $PSScriptRoot 'FaultMatrix.Flows.ps1')

$faults = 'Throttle', 'InternalError', 'ServiceUnavailable', 'DropConnection', 'FailOperation'

function Connect-Matrix {
    # A fresh connection per run, so every run sends the same requests (tokens and the region catalogue are per connection).
    # Short retries: a transient fault passes in one retry, a persistent one ends within seconds (a throttled ARM request
    # is waited out for a second in all, then retried twice).
    # MSAL holds back a client's token requests for as long as the token endpoint's last Retry-After said (a throttled
    # run's): the next run's sign-in waits that out.
    Disconnect-AcrGeo
    foreach ($attempt in 1..10) {
        try {
            $null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $script:emulator.DataDirectory -PollIntervalSeconds 0.05 -MaxRetries 2 -RetryDelaySeconds 0.05 `
                -ThrottlingWaitSeconds 1
            return
        }
        catch {
            if ($attempt -eq 10) { throw }
            Start-Sleep -Seconds 1
        }
    }
}

function New-MatrixGroup {
    # The module makes a group only with what lives in it: a registry, which the group keeps.
    $name = 'rg-mx-' + (Get-Random)
    $null = New-AcrRegistry -Name (New-TestResourceName -Prefix 'mxgroup') -ResourceGroupName $name -Location westus -Sku Basic -CreateResourceGroup
    $name
}

function New-MatrixRegistry([string] $Sku = 'Premium') {
    $name = New-TestResourceName -Prefix 'mx'
    $null = New-AcrRegistry -Name $name -ResourceGroupName $script:group -Location westus -Sku $Sku
    $name
}

function New-MatrixVault {
    $name = 'kv-mx-' + (Get-Random -Minimum 100000 -Maximum 999999)
    $null = New-AcrKeyVault -Name $name -ResourceGroupName $script:group -Location westus
    $name
}

function Get-MatrixPassword([string] $Registry, [string] $Vault) {
    (Get-AcrPullCredential -Registry $Registry -VaultName $Vault).GetNetworkCredential().Password
}

function Test-MatrixSignIn([string] $Registry, [string] $Vault, [string] $Password) {
    $user = (Get-AcrPullCredential -Registry $Registry -VaultName $Vault).UserName
    $connection = Get-EmulatorConnection -Emulator $script:emulator
    try {
        $null = Invoke-RestMethod -Method Post -SkipCertificateCheck -Uri "$($connection.baseUrl)/$($connection.tenantId)/oauth2/v2.0/token" -Body @{
            grant_type = 'client_credentials'; client_id = $user; client_secret = $Password; scope = 'https://management.azure.com/.default'
        }
        $true
    }
    catch {
        $false
    }
}

function Test-MatrixPrincipal([string] $Registry, [string] $Vault, $Inventory) {
    # One application, one service principal, one AcrPull on the registry, both secrets, one password, and it signs in.
    $applications = @($Inventory.applications | Where-Object displayName -eq "$Registry-pull")
    if ($applications.Count -ne 1) { return "$($applications.Count) applications named $Registry-pull" }
    $application = $applications[0]
    if (@($Inventory.servicePrincipals | Where-Object appId -eq $application.appId).Count -ne 1) { 'not exactly one service principal' }
    $roles = @($Inventory.resources | Where-Object { $_.type -eq 'Microsoft.Authorization/roleAssignments' -and $_.id -like "*/registries/$Registry/providers/*" })
    if ($roles.Count -ne 1) { "$($roles.Count) role assignments on the registry" }
    foreach ($secret in "$Registry-pull-usr", "$Registry-pull-pwd") {
        if (-not ($Inventory.secrets | Where-Object { $_.name -eq $secret -and -not $_.deleted })) { "no secret $secret" }
    }
    if (@($application.passwords).Count -ne 1) { "$(@($application.passwords).Count) passwords on the application" }
    if (-not (Test-MatrixSignIn -Registry $Registry -Vault $Vault -Password (Get-MatrixPassword -Registry $Registry -Vault $Vault))) {
        'the stored password does not sign in'
    }
}

function New-MatrixDeployment {
    # A registry holding the image, a vault and a pull principal: what a container group deploys from.
    $registry = New-MatrixRegistry
    $vault = New-MatrixVault
    $null = Import-AcrImage -Registry $registry -Source mcr.microsoft.com/azuredocs/aci-helloworld:latest -Image aci-helloworld:v1
    $null = New-AcrPullPrincipal -Registry $registry -VaultName $vault
    @{ Registry = $registry; Vault = $vault; Group = $script:group }
}

function New-MatrixGroupDeployment($Deployment) {
    # A running container group of the deployment; returns its name.
    $name = 'aci-mx-' + (Get-Random -Minimum 100000 -Maximum 999999)
    $null = New-AcrContainerInstance -Registry $Deployment.Registry -ResourceGroupName $Deployment.Group -Name $name -Image aci-helloworld:v1 `
        -VaultName $Deployment.Vault -Location westus
    $name
}

function Save-MatrixResult {
    $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $OutputPath)
    [pscustomobject]@{
        Date    = (Get-Date).ToUniversalTime().ToString('u')
        Minutes = [math]::Round($watch.Elapsed.TotalMinutes, 1)
        Runs    = $results
    } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $OutputPath
}

function Get-MatrixInventory { Invoke-EmulatorAdmin -Emulator $script:emulator -Path inventory }

function Get-InventoryItem($Inventory) {
    # Every item by a stable key, with the words that name it in a message (its name; a role assignment by its scope).
    foreach ($r in $Inventory.resources) {
        $scope = if ($r.type -eq 'Microsoft.Authorization/roleAssignments') { ($r.id -split '/providers/Microsoft.Authorization/')[0].Split('/')[-1] } else { $r.name }
        [pscustomobject]@{ Key = 'resource ' + $r.id.ToLowerInvariant(); Names = @($scope) }
    }
    foreach ($a in $Inventory.applications) {
        [pscustomobject]@{ Key = "application $($a.appId)"; Names = @($a.appId, $a.displayName) }
        foreach ($p in $a.passwords) { [pscustomobject]@{ Key = "password $($a.appId)/$p"; Names = @($p, $a.appId) } }
    }
    foreach ($s in $Inventory.servicePrincipals) { [pscustomobject]@{ Key = "service principal $($s.id)"; Names = @($s.appId, $s.displayName) } }
    foreach ($s in $Inventory.secrets | Where-Object { -not $_.deleted }) { [pscustomobject]@{ Key = "secret $($s.vault)/$($s.name)"; Names = @($s.name) } }
    foreach ($i in $Inventory.images) { [pscustomobject]@{ Key = "image $($i.registry)/$($i.repository):$($i.tag)"; Names = @("$($i.repository):$($i.tag)") } }
}

function Invoke-Captured([scriptblock] $Act, $Target) {
    # Output, errors, warnings and verbose text of one run, as a user with -Verbose would see them.
    $records = [System.Collections.Generic.List[object]]::new()
    $ErrorActionPreference = 'Continue'
    $VerbosePreference = 'Continue'
    try {
        & $Act $Target *>&1 | ForEach-Object { $records.Add($_) }
    }
    catch {
        $records.Add($_)
    }
    $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    $warnings = @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
    $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
    $output = @($records | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] -and
        $_ -isnot [System.Management.Automation.VerboseRecord] -and $_ -isnot [System.Management.Automation.InformationRecord] })
    $told = @($errors | ForEach-Object { $_.Exception.Message }) + @($warnings | ForEach-Object { $_.Message }) + @($output | ForEach-Object { $_ | ConvertTo-Json -Depth 3 -Compress -WarningAction SilentlyContinue })
    $everything = $told + @($verbose | ForEach-Object { $_.Message }) + @($errors | ForEach-Object { "$($_.Exception)"; "$($_.ErrorDetails)" })
    [pscustomobject]@{ Errors = $errors; Output = $output; Told = ($told -join "`n"); Everything = ($everything -join "`n") }
}

function Test-Specific($ErrorRecord) {
    $ErrorRecord.Exception.GetType().FullName -eq 'AcrGeo.AcrGeoException' -and
        $ErrorRecord.FullyQualifiedErrorId -like 'AcrGeo.*' -and $ErrorRecord.FullyQualifiedErrorId -notlike 'AcrGeo.Unexpected,*'
}

function Get-FlowRequest($Flow, $Shared) {
    # The distinct requests of a fault-free run, in order, each marked when it started a long-running operation. Run twice,
    # and the second taken: the first may warm what a process caches once (Key Vault's challenge, for one).
    $requests = $null
    foreach ($attempt in 1, 2) {
        $target = & $Flow.Arrange $Shared
        Connect-Matrix
        $null = Invoke-EmulatorAdmin -Emulator $script:emulator -Path requests -Method Delete
        $probe = Invoke-Captured $Flow.Act $target
        if ($probe.Errors.Count -gt 0) { throw "$($Flow.Name) fails without any fault: $($probe.Errors[0].Exception.Message)" }
        $seen = [ordered]@{}
        foreach ($entry in (Invoke-EmulatorAdmin -Emulator $script:emulator -Path requests) | ForEach-Object { $_ }) {
            $key = "$($entry.method) $($entry.host.ToLowerInvariant())$($entry.path)"
            if (-not $seen.Contains($key)) {
                $seen[$key] = [pscustomobject]@{
                    Key = $key
                    StartsOperation = $entry.method -in 'PUT', 'POST', 'PATCH', 'DELETE' -and $entry.status -in 201, 202 -and $entry.path -like '/subscriptions/*'
                }
            }
        }
        $requests = @($seen.Values)
    }
    $requests
}

Import-Module (Get-AcrGeoModulePath) -Force
$script:emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 0 -SyncDelaySeconds 0 -RetryAfterSeconds 0
$results = [System.Collections.Generic.List[object]]::new()
$watch = [Diagnostics.Stopwatch]::StartNew()
try {
    $emulatorSecret = (Get-EmulatorConnection -Emulator $script:emulator).clientSecret
    Connect-Matrix
    $script:group = New-MatrixGroup

    foreach ($definition in $flows | Where-Object { -not $Flow -or $_.Name -in $Flow }) {
        $shared = if ($definition.ContainsKey('Shared')) { & $definition.Shared } else { @{} }
        $requests = Get-FlowRequest -Flow $definition -Shared $shared
        Write-Host "== $($definition.Name): $($requests.Count) distinct requests"
        for ($index = 1; $index -le $requests.Count; $index++) {
            $request = $requests[$index - 1]
            foreach ($fault in $faults | Where-Object { $_ -ne 'FailOperation' -or $request.StartsOperation }) {
                foreach ($persistent in $false, $true) {
                    $runWatch = [Diagnostics.Stopwatch]::StartNew()
                    $target = & $definition.Arrange $shared
                    Connect-Matrix
                    $before = @(Get-InventoryItem (Get-MatrixInventory))
                    $rule = @{ nth = $index; action = $fault; retryAfterSeconds = 1 }
                    if ($persistent) { $rule.untilCleared = $true } else { $rule.count = 1 }
                    $null = Invoke-EmulatorAdmin -Emulator $script:emulator -Path requests -Method Delete
                    $null = Invoke-EmulatorAdmin -Emulator $script:emulator -Path faults -Method Post -Body $rule
                    $run = Invoke-Captured $definition.Act $target
                    $null = Invoke-EmulatorAdmin -Emulator $script:emulator -Path faults -Method Delete
                    # The request log marks each faulted request: a run can send fewer distinct requests than the probe did.
                    $hit = @((Invoke-EmulatorAdmin -Emulator $script:emulator -Path requests) | ForEach-Object { $_ } | Where-Object { $_.fault }).Count -gt 0

                    $problems = [System.Collections.Generic.List[string]]::new()
                    foreach ($record in $run.Errors | Where-Object { -not (Test-Specific $_) }) {
                        $problems.Add("not a specific error: $($record.FullyQualifiedErrorId) ($($record.Exception.GetType().FullName)): $($record.Exception.Message)")
                    }
                    if (-not $persistent -and $run.Errors.Count -gt 0) {
                        $problems.Add("a transient fault did not pass: $($run.Errors[0].FullyQualifiedErrorId): $($run.Errors[0].Exception.Message)")
                    }
                    $after = @(Get-InventoryItem (Get-MatrixInventory))
                    if ($run.Errors.Count -gt 0) {
                        foreach ($item in $after | Where-Object { $_.Key -notin $before.Key }) {
                            if (-not ($item.Names | Where-Object { $_ -and $run.Told.Contains($_) })) { $problems.Add("orphaned: $($item.Key)") }
                        }
                    }
                    $label = if ($definition.Name -eq 'New-AcrContainerInstance') {
                        # Strict mode: no group yet is no label, not a missing property.
                        Get-AcrContainerInstance -ResourceGroupName $target.Group -ErrorAction SilentlyContinue |
                            Where-Object Name -eq $target.Name | ForEach-Object DnsNameLabel
                    }

                    # MSAL holds back a sign-in identical to one the token endpoint refused for as long as its Retry-After
                    # said (1 s here): the user who runs the command again "when the service answers" is a second later.
                    if ($request.Key -match '/oauth2/') { Start-Sleep -Milliseconds 1200 }
                    Connect-Matrix
                    $rerun = Invoke-Captured $definition.Act $target
                    $accepted = if ($definition.ContainsKey('Rerun')) { $definition.Rerun } else { @() }
                    $rerunProblems = @($rerun.Errors | Where-Object { ($_.FullyQualifiedErrorId -split ',')[0] -notin $accepted } |
                        ForEach-Object { "the re-run failed: $($_.FullyQualifiedErrorId): $($_.Exception.Message)" }) +
                        @(& $definition.Assert $target (Get-MatrixInventory) $label)
                    $secrets = @($emulatorSecret) + @(if ($definition.ContainsKey('Secrets')) { & $definition.Secrets $target })
                    foreach ($secret in $secrets | Where-Object { $_ }) {
                        if ($run.Everything.Contains($secret) -or $rerun.Everything.Contains($secret)) { $problems.Add('a secret appeared in the text of a run') }
                    }

                    # The request without the run's own names, so the same request reads the same in every run.
                    $requestLabel = ($request.Key -replace '/subscriptions/[0-9a-f-]{36}', '/subscriptions/{sub}') -replace '(mx|kv-mx-|aci-mx-|hook|rg-mx-)[0-9a-z]+', '$1*'
                    $results.Add([pscustomobject]@{
                        Flow        = $definition.Name
                        Index       = $index
                        Request     = $requestLabel
                        Fault       = $fault
                        Mode        = if ($persistent) { 'persistent' } else { 'transient' }
                        Fired       = $hit
                        Outcome     = if ($run.Errors.Count -eq 0) { 'success' } else { ($run.Errors[0].FullyQualifiedErrorId -split ',')[0] }
                        Clean       = $problems.Count -eq 0
                        Problems    = @($problems)
                        Converged   = $rerunProblems.Count -eq 0
                        RerunProblems = @($rerunProblems)
                        Seconds     = [math]::Round($runWatch.Elapsed.TotalSeconds, 1)
                    })
                    $last = $results[-1]
                    if (-not $last.Clean -or -not $last.Converged) {
                        Write-Host ("  FAIL #{0} {1} {2} {3}: {4}" -f $index, $fault, $last.Mode, $last.Request, (@($last.Problems) + @($last.RerunProblems) -join ' | '))
                    }
                }
            }
        }
        $done = @($results | Where-Object Flow -eq $definition.Name)
        Write-Host ("   {0} runs, {1} clean, {2} re-runs converged" -f $done.Count, @($done | Where-Object Clean).Count, @($done | Where-Object Converged).Count)
        # Written after every flow, so a run that is stopped keeps the flows it finished.
        Save-MatrixResult
    }
}
finally {
    Stop-AcrGeoEmulator
    Remove-Module -Name AcrGeo -Force
}

Save-MatrixResult
$clean = @($results | Where-Object Clean).Count
$converged = @($results | Where-Object Converged).Count
Write-Host ("Fault matrix: {0} runs in {1:n1} min, {2} clean, {3} re-runs converged -> {4}" -f $results.Count, $watch.Elapsed.TotalMinutes, $clean, $converged, $OutputPath)
if ($clean -ne $results.Count -or $converged -ne $results.Count) { exit 1 }
