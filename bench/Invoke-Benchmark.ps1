#Requires -Version 7.4
<#
.SYNOPSIS
    AcrGeo (the built module in a fresh pwsh) side by side with the Azure CLI, against one local emulator: cold start,
    warm list, fan-out to N regions, ARM throttling, 200 piped registries, inventory of 10 to 1,000 registries, and the
    Contoso flow. Wall time, requests (the emulator's log) and peak memory (/usr/bin/time -v) of each, as ratios.
.DESCRIPTION
    Every client runs as a process of its own under /usr/bin/time -v, started with an argument list (no shell):
    bench/Scenario.ps1 in pwsh for AcrGeo, az for the Azure CLI (Debian's azure-cli, driven as
    tests/conformance/az-conformance.sh drives it: its own config directory, a registered cloud, the emulator's
    certificate as CA bundle, a service-principal login whose secret goes in on standard input). Wall time is the
    process's, from start to exit; AcrGeo's scenarios also report their in-process milliseconds. Requests are the
    emulator's request log (token requests counted apart), cleared before each run.

    The results go between the markers of docs/benchmarks.md (the text around them is kept) and into
    docs/images/benchmarks.svg. It takes 15 to 20 minutes on two cores; the machine's load average is written beside
    each section, as the numbers mean little on a busy machine. Run it through the build: dotnet pwsh ./build.ps1 Bench
.PARAMETER Runs
    Runs of each cold-start command (median and fastest reported).
.PARAMETER ProvisioningDelaySeconds
    How long the emulator takes to provision a replica (T).
.PARAMETER InventorySizes
    Registries in the inventory runs (each with two replicas besides the home one, across five subscriptions).
.PARAMETER CliInventoryLimit
    The largest inventory the Azure CLI lists registry by registry (a process per registry); larger ones are
    extrapolated from it, and marked so.
.PARAMETER SkipCli
    AcrGeo only.
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 50)] [int] $Runs = 5,
    [ValidateRange(0.5, 60)] [double] $ProvisioningDelaySeconds = 2,
    [int[]] $FanOut = @(1, 5, 10, 20, 0),
    [int[]] $InventorySizes = @(10, 100, 1000),
    [int] $CliInventoryLimit = 100,
    [ValidateRange(2, 1000)] [int] $PipelineRegistries = 200,
    [switch] $SkipCli,
    [string] $Output = (Join-Path $PSScriptRoot '../docs/benchmarks.md'),
    [string] $Chart = (Join-Path $PSScriptRoot '../docs/images/benchmarks.svg')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ProgressPreference = 'SilentlyContinue'
$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$modulePath = Join-Path $root 'out/AcrGeo/AcrGeo.psd1'
$scenario = Join-Path $PSScriptRoot 'Scenario.ps1'
$pwsh = Join-Path $PSHOME 'pwsh'
foreach ($needed in $modulePath, '/usr/bin/time') {
    if (-not (Test-Path -LiteralPath $needed)) { throw "'$needed' is missing: build the module (./build.ps1 Build) and install GNU time (apt-get install time)." }
}
if (-not $env:ACRGEO_EMULATOR_PATH) { $env:ACRGEO_EMULATOR_PATH = Join-Path $root 'out/emulator/acrgeo-emulator' }
$az = if ($SkipCli) { $null } else { (Get-Command az -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source }
$work = Join-Path ([IO.Path]::GetTempPath()) ('acrgeo-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Path $work
$results = [Collections.Generic.List[object]]::new()
$loads = [ordered]@{}
$clock = [Diagnostics.Stopwatch]::StartNew()
function Say([string] $Text) { Write-Host ('[{0,6:n0}s] {1}' -f $clock.Elapsed.TotalSeconds, $Text) }
function Get-Load { (Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ' }

#region Processes, measured
function Invoke-Measured {
    # One process under /usr/bin/time -v: its wall time (stopwatch around it), peak resident memory, exit code, output.
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @(), [Collections.IDictionary] $Environment = @{}, [string] $InputText)
    $timeFile = Join-Path $work 'time.txt'
    $info = [Diagnostics.ProcessStartInfo]::new('/usr/bin/time')
    foreach ($argument in @('-v', '-o', $timeFile, $FilePath) + $ArgumentList) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    $info.WorkingDirectory = $work
    foreach ($name in $Environment.Keys) {
        # Empty means unset: PowerShell turns a $null into '' on its way into a string dictionary, and an empty https_proxy
        # would still tell Python's requests to use no proxy at all.
        if ([string]::IsNullOrEmpty($Environment[$name])) { $null = $info.Environment.Remove($name) } else { $info.Environment[$name] = [string]$Environment[$name] }
    }
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($info)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if ($InputText) { $process.StandardInput.Write($InputText) }
    $process.StandardInput.Close()
    $process.WaitForExit()
    $watch.Stop()
    $rss = [regex]::Match((Get-Content -Raw -LiteralPath $timeFile), 'Maximum resident set size \(kbytes\): (\d+)').Groups[1].Value
    [pscustomobject]@{
        Seconds = $watch.Elapsed.TotalSeconds
        MaxRssMiB = [math]::Round([double]$rss / 1024, 1)
        ExitCode = $process.ExitCode
        Stdout = $stdout.Result
        Stderr = $stderr.Result
    }
}

function Invoke-Scenario {
    # bench/Scenario.ps1 in a fresh pwsh; its JSON line becomes properties of the measurement.
    param([Parameter(Mandatory)] [string] $Name, [hashtable] $Parameters = @{})
    $arguments = @('-NoProfile', '-NonInteractive', '-File', $scenario, '-Name', $Name, '-ModulePath', $modulePath,
        '-EmulatorDataDirectory', $emulator.DataDirectory, '-PollIntervalSeconds', '1')
    foreach ($key in $Parameters.Keys) { $arguments += @("-$key", [string]$Parameters[$key]) }
    $run = Invoke-Measured -FilePath $pwsh -ArgumentList $arguments -Environment @{ POWERSHELL_TELEMETRY_OPTOUT = '1' }
    if ($run.ExitCode -ne 0) { throw "Scenario $Name failed (exit $($run.ExitCode)): $($run.Stderr) $($run.Stdout)" }
    $line = ($run.Stdout -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1)
    $line | ConvertFrom-Json | Add-Member -PassThru -NotePropertyMembers @{ Seconds = $run.Seconds; MaxRssMiB = $run.MaxRssMiB }
}
#endregion

#region The emulator: its admin API and bulk set-up
function Invoke-Admin {
    param([string] $Method = 'Get', [Parameter(Mandatory)] [string] $Path, $Body)
    $arguments = @{ Method = $Method; Uri = "$($connection.baseUrl)/_emulator/$Path"; SkipCertificateCheck = $true }
    if ($null -ne $Body) { $arguments.Body = $Body | ConvertTo-Json -Depth 6; $arguments.ContentType = 'application/json' }
    Invoke-RestMethod @arguments
}

function Get-Requests {
    # The log since it was last cleared, as counts: ARM requests, token requests, 429s, list and poll kinds.
    # Invoke-RestMethod writes a JSON array as one object: through the pipeline it comes apart into its items.
    $answer = Invoke-Admin -Path requests
    $log = @($answer | ForEach-Object { $_ })
    $arm = @($log | Where-Object { $_.path -notlike '*/oauth2/*' -and $_.path -notlike '/adfs/*' })
    [pscustomobject]@{
        Total = $arm.Count
        Tokens = $log.Count - $arm.Count
        Throttled = @($arm | Where-Object status -eq 429).Count
        Writes = @($arm | Where-Object { $_.method -in 'PUT', 'PATCH', 'DELETE', 'POST' }).Count
        ReplicaLists = @($arm | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/replications' }).Count
        OperationPolls = @($arm | Where-Object { $_.path -like '*/operationStatuses/*' -or $_.path -like '*/operationResults/*' }).Count
        Log = $arm
    }
}

$bulk = $null
function Send-Bulk {
    # PUTs in parallel through one HttpClient (set-up only: throttling off, no provisioning delay), 32 at a time.
    param([Parameter(Mandatory)] [object[]] $Requests)
    for ($start = 0; $start -lt $Requests.Count; $start += 32) {
        $tasks = foreach ($request in $Requests[$start..([math]::Min($start + 31, $Requests.Count - 1))]) {
            $message = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::Put, "$($connection.baseUrl)$($request.Path)")
            $message.Content = [Net.Http.StringContent]::new(($request.Body | ConvertTo-Json -Compress -Depth 5), [Text.Encoding]::UTF8, 'application/json')
            $message.Headers.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $script:token)
            $bulk.SendAsync($message)
        }
        [Threading.Tasks.Task]::WaitAll([Threading.Tasks.Task[]]@($tasks))
        foreach ($task in $tasks) {
            if (-not $task.Result.IsSuccessStatusCode) { throw "Set-up request failed: $([int]$task.Result.StatusCode) $($task.Result.Content.ReadAsStringAsync().Result)" }
        }
    }
}

function Set-Quiet {
    # Set-up pace: nothing to wait for, no budget to spend.
    param([switch] $Off)
    if ($Off) {
        $null = Invoke-Admin -Method Patch -Path settings -Body @{ provisioningDelaySeconds = $ProvisioningDelaySeconds; throttling = @{ enabled = $true } }
    }
    else {
        $null = Invoke-Admin -Method Patch -Path settings -Body @{ provisioningDelaySeconds = 0; throttling = @{ enabled = $false } }
    }
}

function New-Fleet {
    # Premium registries in a resource group of each subscription, round robin, each with replicas in $Replicas.
    param([Parameter(Mandatory)] [string[]] $Subscriptions, [Parameter(Mandatory)] [string[]] $Names, [string] $Group = 'rg-bench',
        [string[]] $Replicas = @(), [string] $HomeRegion = 'westus')
    $arm = 'api-version=2025-11-01'
    Send-Bulk -Requests @($Subscriptions | ForEach-Object { @{ Path = "/subscriptions/$_/resourcegroups/$($Group)?api-version=2021-04-01"; Body = @{ location = $HomeRegion } } })
    $registries = for ($i = 0; $i -lt $Names.Count; $i++) {
        $subscription = $Subscriptions[$i % $Subscriptions.Count]
        @{ Path = "/subscriptions/$subscription/resourceGroups/$Group/providers/Microsoft.ContainerRegistry/registries/$($Names[$i])?$arm"
           Body = @{ location = $HomeRegion; sku = @{ name = 'Premium' } }; Registry = $Names[$i]; Subscription = $subscription }
    }
    Send-Bulk -Requests @($registries)
    # Not $replicas: PowerShell's names ignore case, and that is the [string[]] parameter.
    $replicaPuts = foreach ($registry in $registries) {
        foreach ($region in $Replicas) {
            @{ Path = "/subscriptions/$($registry.Subscription)/resourceGroups/$Group/providers/Microsoft.ContainerRegistry/registries/$($registry.Registry)/replications/$($region)?$arm"
               Body = @{ location = $region } }
        }
    }
    if ($replicaPuts) { Send-Bulk -Requests @($replicaPuts) }
}
#endregion

#region The Azure CLI against the emulator
$cli = $null
function Initialize-Cli {
    # As tests/conformance/az-conformance.sh sets it up; the config dir (it keeps the secret) goes with $work.
    $config = Join-Path $work 'azure'
    $null = New-Item -ItemType Directory -Path $config
    if (-not $IsWindows) { chmod 700 $work $config }
    @{ update_time = (Get-Date).ToString('yyyy-MM-dd HH:mm:ss.ffffff') } | ConvertTo-Json | Set-Content -LiteralPath (Join-Path $config 'versionCheck.json')
    $cloud = Join-Path $work 'cloud.json'
    @{
        endpoints = @{ resourceManager = "$($connection.baseUrl)/"; activeDirectory = "$($connection.baseUrl)/adfs"
            activeDirectoryResourceId = "$($connection.baseUrl)/"; activeDirectoryGraphResourceId = "$($connection.baseUrl)/"
            microsoftGraphResourceId = "$($connection.baseUrl)/" }
        suffixes = @{ acrLoginServerEndpoint = '.azurecr.io'; keyvaultDns = '.vault.azure.net' }
    } | ConvertTo-Json | Set-Content -LiteralPath $cloud
    # Environment names are case-sensitive here (https_proxy and HTTPS_PROXY are two), unlike a PowerShell hashtable's keys.
    $script:cli = [Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal)
    foreach ($pair in @(
            @('AZURE_CONFIG_DIR', $config), @('REQUESTS_CA_BUNDLE', $connection.certificate), @('AZURE_CORE_COLLECT_TELEMETRY', 'false'),
            @('AZURE_CORE_ERROR_RECOMMENDATION', 'off'), @('AZURE_EXTENSION_USE_DYNAMIC_INSTALL', 'no'), @('AZURE_CORE_DISABLE_CONFIRM_PROMPT', 'true'),
            @('AZURE_CORE_ONLY_SHOW_ERRORS', 'true'), @('AZURE_CORE_NO_COLOR', 'true'), @('AZURE_CORE_SURVEY_MESSAGE', 'false'),
            @('NO_PROXY', '127.0.0.1,localhost'), @('HTTPS_PROXY', $null), @('HTTP_PROXY', $null), @('https_proxy', $null), @('http_proxy', $null))) {
        $script:cli[$pair[0]] = $pair[1]
    }
    $null = Invoke-Az cloud register -n AcrGeoBench --cloud-config "@$cloud"
    $null = Invoke-Az cloud set -n AcrGeoBench
    $null = Invoke-Measured -FilePath $az -ArgumentList @('login', '--service-principal', '-u', $connection.clientId, '-p', '@-', '--tenant', $connection.tenantId, '-o', 'none') -Environment $cli -InputText $connection.clientSecret
}

function Invoke-Az {
    # One az command, measured; a failure stops the benchmark with az's words (never the secret: az never prints it).
    $run = Invoke-Measured -FilePath $az -ArgumentList ([string[]]$args) -Environment $cli
    if ($run.ExitCode -ne 0) { throw "az $($args -join ' ') failed (exit $($run.ExitCode)): $($run.Stderr)" }
    $run
}
#endregion

#region Results
function Add-Result {
    param([string] $Scenario, [string] $Client, [string] $Case, [double[]] $Seconds, $Requests, [double[]] $MaxRssMiB, [string] $Note = '')
    $sorted = @($Seconds | Sort-Object)
    # The counts only: the log itself stays out of the results.
    if ($Requests) { $Requests = $Requests | Select-Object -Property * -ExcludeProperty Log }
    $results.Add([pscustomobject]@{
            Scenario = $Scenario; Client = $Client; Case = $Case
            Median = $sorted[[int][math]::Floor($sorted.Count / 2)]; Fastest = $sorted[0]; Runs = $sorted.Count
            Requests = $Requests; MaxRssMiB = (Median $MaxRssMiB); Note = $Note
        })
}

function Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count -eq 0) { return $null }
    $sorted[[int][math]::Floor($sorted.Count / 2)]
}
#endregion

Import-Module $modulePath
Say "Machine: $([Environment]::ProcessorCount) cores, load $(Get-Load); AcrGeo from $modulePath; az: $(if ($az) { $az } else { 'skipped' })"
$emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds $ProvisioningDelaySeconds -SyncDelaySeconds 1 -RetryAfterSeconds 1 -PollIntervalSeconds 1 -Port 0
try {
    $connection = Get-Content -Raw -LiteralPath $emulator.ConnectionFile | ConvertFrom-Json
    $bulk = [Net.Http.HttpClient]::new([Net.Http.HttpClientHandler]@{ ServerCertificateCustomValidationCallback = [Net.Http.HttpClientHandler]::DangerousAcceptAnyServerCertificateValidator })
    $token = (Invoke-RestMethod -Method Post -Uri "$($connection.baseUrl)/$($connection.tenantId)/oauth2/v2.0/token" -SkipCertificateCheck -Body @{
            grant_type = 'client_credentials'; client_id = $connection.clientId; client_secret = $connection.clientSecret; scope = 'https://management.azure.com/.default'
        }).access_token
    $main = $connection.subscriptionId
    if ($az) { Initialize-Cli; Say "az $((Invoke-Az version -o tsv).Stdout.Split("`t")[0]) signed in to the emulator" }

    # --- Cold start and warm list: one registry with three replicas.
    Set-Quiet
    New-Fleet -Subscriptions $main -Names 'benchcold' -Group 'rg-cold' -Replicas eastus, westeurope
    Set-Quiet -Off
    $loads['Cold start and warm list'] = Get-Load
    Say 'Cold start: a fresh pwsh runs Import-Module, Connect-AcrGeo and Get-AcrReplica; a fresh az runs az acr replication list'
    $null = Invoke-Scenario -Name Cold -Parameters @{ Registry = 'benchcold' }
    if ($az) { $null = Invoke-Az acr replication list -r benchcold -g rg-cold -o json }
    $cold = @(); $bare = @(); $cliCold = @()
    foreach ($run in 1..$Runs) {
        $null = Invoke-Admin -Method Delete -Path requests
        $cold += Invoke-Scenario -Name Cold -Parameters @{ Registry = 'benchcold' }
        $coldRequests = Get-Requests
        $bare += Invoke-Measured -FilePath $pwsh -ArgumentList @('-NoProfile', '-NonInteractive', '-Command', 'exit') -Environment @{ POWERSHELL_TELEMETRY_OPTOUT = '1' }
        if ($az) {
            $null = Invoke-Admin -Method Delete -Path requests
            $cliCold += Invoke-Az acr replication list -r benchcold -g rg-cold -o json
            $cliColdRequests = Get-Requests
        }
    }
    Add-Result 'Cold start' 'AcrGeo' 'process (pwsh start, import, connect, first list)' $cold.Seconds $coldRequests $cold.MaxRssMiB
    Add-Result 'Cold start' 'AcrGeo' 'in pwsh: Import-Module + Connect-AcrGeo + Get-AcrReplica' ($cold | ForEach-Object { $_.totalMs / 1000 }) $coldRequests $cold.MaxRssMiB
    Add-Result 'Cold start' 'pwsh alone' 'pwsh -Command exit' $bare.Seconds $null $bare.MaxRssMiB
    if ($az) { Add-Result 'Cold start' 'Azure CLI' 'az acr replication list' $cliCold.Seconds $cliColdRequests $cliCold.MaxRssMiB }
    $breakdown = [ordered]@{
        import = Median $cold.importMs; connect = Median $cold.connectMs; list = Median $cold.commandMs; total = Median $cold.totalMs
        importFastest = ($cold.importMs | Measure-Object -Minimum).Minimum; totalFastest = ($cold.totalMs | Measure-Object -Minimum).Minimum
    }
    Say ("Cold start in pwsh: import {0:n0} ms, connect {1:n0} ms, first list {2:n0} ms, total {3:n0} ms (medians)" -f $breakdown.import, $breakdown.connect, $breakdown.list, $breakdown.total)

    $null = Invoke-Admin -Method Delete -Path requests
    $warm = Invoke-Scenario -Name Warm -Parameters @{ Registry = 'benchcold'; Count = 20 }
    $warmRequests = Get-Requests
    Add-Result 'Warm list' 'AcrGeo' 'Get-AcrReplica in a warm session (median of 20)' @($warm.commandMs / 1000) ([pscustomobject]@{ Total = 1; Tokens = 0; Throttled = 0 }) @($warm.MaxRssMiB) `
        "fastest $($warm.fastestMs) ms; $([math]::Round(($warmRequests.Total - 3) / 21, 2)) requests per call"
    if ($az) { Add-Result 'Warm list' 'Azure CLI' 'az acr replication list (no warm mode: a process per call)' $cliCold.Seconds $cliColdRequests $cliCold.MaxRssMiB }

    # --- Fan-out: New-AcrReplica to N regions at once; az one create after another.
    $regions = @((Get-AcrRegion -Registry benchcold -State Available, Replica).Name | Where-Object { $_ -ne 'westus' })
    $loads['Fan-out'] = Get-Load
    $fanRows = @{}
    $cliCreates = @()
    foreach ($n in $FanOut) {
        $count = if ($n -le 0) { $regions.Count } else { $n }
        $label = if ($n -le 0) { "all ($count)" } else { "$count" }
        $runsHere = @()
        foreach ($run in 1..3) {
            $name = 'fan{0}x{1}{2}' -f $count, $run, (Get-Random -Minimum 1000 -Maximum 9999)
            Set-Quiet; New-Fleet -Subscriptions $main -Names $name -Group 'rg-fan'; Set-Quiet -Off
            $null = Invoke-Admin -Method Delete -Path requests
            $result = Invoke-Scenario -Name FanOut -Parameters @{ Registry = $name; List = ($regions[0..($count - 1)] -join ',') }
            if ($result.errors -gt 0 -or $result.objects -ne $count) { throw "Fan-out to $count regions: $($result.objects) replicas, $($result.errors) errors." }
            $requests = Get-Requests
            $waiting = @($requests.Log | Where-Object { $_.method -eq 'GET' })
            $result | Add-Member -NotePropertyMembers @{ Requests = $requests; ListsPerSecond = [math]::Round($requests.ReplicaLists / ($result.commandMs / 1000), 2) }
            $runsHere += $result
        }
        $fanRows[$count] = $runsHere
        $middle = $runsHere | Sort-Object commandMs | Select-Object -Index 1
        Add-Result 'Fan-out' 'AcrGeo' $label ($runsHere | ForEach-Object { $_.commandMs / 1000 }) $middle.Requests $runsHere.MaxRssMiB `
            "$($middle.Requests.ReplicaLists) replica lists ($($middle.ListsPerSecond)/s while waiting), $($middle.Requests.OperationPolls) operation polls"
        Say "Fan-out to $label regions: AcrGeo $([math]::Round((Median ($runsHere.commandMs)) / 1000, 2)) s"
        if ($az) {
            $name = 'fancli{0}{1}' -f $count, (Get-Random -Minimum 1000 -Maximum 9999)
            Set-Quiet; New-Fleet -Subscriptions $main -Names $name -Group 'rg-fan'; Set-Quiet -Off
            $null = Invoke-Admin -Method Delete -Path requests
            $commands = foreach ($region in $regions[0..($count - 1)]) { Invoke-Az acr replication create -r $name -g rg-fan -l $region -o none }
            $requests = Get-Requests
            $cliCreates += $commands.Seconds
            Add-Result 'Fan-out' 'Azure CLI' $label @(($commands.Seconds | Measure-Object -Sum).Sum) $requests @(($commands.MaxRssMiB | Measure-Object -Maximum).Maximum) `
                "one az acr replication create after another; $($requests.OperationPolls) operation polls"
            Say "Fan-out to $label regions: az $([math]::Round(($commands.Seconds | Measure-Object -Sum).Sum, 1)) s"
        }
    }

    # --- ARM's write budget: every region at once through a bucket of 10 writes refilled at 2 a second.
    $loads['Throttled fan-out'] = Get-Load
    $name = 'throttled{0}' -f (Get-Random -Minimum 1000 -Maximum 9999)
    Set-Quiet; New-Fleet -Subscriptions $main -Names $name -Group 'rg-fan'; Set-Quiet -Off
    $bucket = @{ size = 10; refillPerSecond = 2 }
    $null = Invoke-Admin -Method Patch -Path settings -Body @{ throttling = @{ writes = $bucket } }
    $null = Invoke-Admin -Method Delete -Path requests
    $throttled = Invoke-Scenario -Name FanOut -Parameters @{ Registry = $name; List = ($regions -join ',') }
    $throttledRequests = Get-Requests
    $null = Invoke-Admin -Method Patch -Path settings -Body @{ throttling = @{ writes = @{ size = 200; refillPerSecond = 10 } } }
    $minimum = [math]::Max(0, $regions.Count - $bucket.size) / $bucket.refillPerSecond + $ProvisioningDelaySeconds
    Add-Result 'Throttled fan-out' 'AcrGeo' "all ($($regions.Count)), writes bucket 10 (+2/s)" @($throttled.commandMs / 1000) $throttledRequests @($throttled.MaxRssMiB) `
        ("{0} errors shown; {1} 429s in the log; the budget allows {2:n1} s at best: {3:n2}x that" -f $throttled.errors, $throttledRequests.Throttled, $minimum, ($throttled.commandMs / 1000 / $minimum))
    Say ("Throttled: {0:n2} s for {1} regions, {2} 429s, {3} errors shown; minimum {4:n1} s" -f ($throttled.commandMs / 1000), $regions.Count, $throttledRequests.Throttled, $throttled.errors, $minimum)

    # --- Piped registries: 200 registries x 2 new replicas in one pipeline, against one registry alone.
    $loads['Pipeline'] = Get-Load
    $names = 1..$PipelineRegistries | ForEach-Object { 'pipe{0:d4}x{1}' -f $_, (Get-Random -Minimum 100 -Maximum 999) }
    Set-Quiet; New-Fleet -Subscriptions $main -Names $names -Group 'rg-pipe'; New-Fleet -Subscriptions $main -Names 'pipeone' -Group 'rg-pipeone'; Set-Quiet -Off
    $null = Invoke-Admin -Method Delete -Path requests
    $one = Invoke-Scenario -Name Pipeline -Parameters @{ ResourceGroupName = 'rg-pipeone'; List = 'eastus,westeurope' }
    $oneRequests = Get-Requests
    $null = Invoke-Admin -Method Delete -Path requests
    $many = Invoke-Scenario -Name Pipeline -Parameters @{ ResourceGroupName = 'rg-pipe'; List = 'eastus,westeurope' }
    $manyRequests = Get-Requests
    if ($many.errors -gt 0 -or $many.objects -ne 2 * $PipelineRegistries) { throw "Pipeline: $($many.objects) replicas, $($many.errors) errors." }
    Add-Result 'Pipeline' 'AcrGeo' '1 registry x 2 replicas' @($one.commandMs / 1000) $oneRequests @($one.MaxRssMiB)
    Add-Result 'Pipeline' 'AcrGeo' "$PipelineRegistries registries x 2 replicas" @($many.commandMs / 1000) $manyRequests @($many.MaxRssMiB) `
        ("{0:n1}x one registry; output in pipeline order: {1}; {2} 429s" -f ($many.commandMs / $one.commandMs), $many.inPipelineOrder, $manyRequests.Throttled)
    if ($az) {
        $perCreate = Median $cliCreates
        Add-Result 'Pipeline' 'Azure CLI' "$PipelineRegistries registries x 2 replicas (extrapolated)" @(2 * $PipelineRegistries * $perCreate) $null @() `
            "not run: $(2 * $PipelineRegistries) az acr replication create at the measured $([math]::Round($perCreate, 2)) s each"
    }
    Say ("Pipeline: one registry {0:n2} s, {1} registries {2:n2} s" -f ($one.commandMs / 1000), $PipelineRegistries, ($many.commandMs / 1000))

    # --- Inventory across five new subscriptions: 10, 100, 1,000 registries with three replicas each (home included).
    $subscriptions = @(1..5 | ForEach-Object { (Invoke-Admin -Method Post -Path subscriptions -Body @{ displayName = "inventory $_" }).id })
    # az knows the subscriptions it saw at login; it reads the list again on request.
    if ($az) { $null = Invoke-Az account list --refresh -o none }
    $made = 0
    foreach ($size in $InventorySizes | Sort-Object) {
        Set-Quiet
        New-Fleet -Subscriptions $subscriptions -Names @(($made + 1)..$size | ForEach-Object { 'inv{0:d5}' -f $_ }) -Group 'rg-inventory' -Replicas eastus, westeurope
        $made = $size
        Set-Quiet -Off
        $loads["Inventory $size"] = Get-Load
        $null = Invoke-Admin -Method Delete -Path requests
        $inventory = Invoke-Scenario -Name Inventory -Parameters @{ List = ($subscriptions -join ',') }
        $inventoryRequests = Get-Requests
        if ($inventory.objects -ne 3 * $size) { throw "Inventory of $size registries: $($inventory.objects) replicas." }
        Add-Result 'Inventory' 'AcrGeo' "$size registries, $(3 * $size) replicas, 5 subscriptions" @($inventory.commandMs / 1000) $inventoryRequests @($inventory.MaxRssMiB) `
            "Get-AcrReplica -All (Resource Graph); process $([math]::Round($inventory.Seconds, 2)) s"
        Say ("Inventory of {0}: AcrGeo {1:n2} s, {2} requests" -f $size, ($inventory.commandMs / 1000), $inventoryRequests.Total)
        if (-not $az) { continue }
        if ($size -le $CliInventoryLimit) {
            $null = Invoke-Admin -Method Delete -Path requests
            $listed = foreach ($subscription in $subscriptions) {
                $registries = Invoke-Az acr list --subscription $subscription --query '[].name' -o tsv
                $registries
                foreach ($registry in ($registries.Stdout -split "`n" | Where-Object { $_ })) {
                    Invoke-Az acr replication list -r $registry -g rg-inventory --subscription $subscription -o none
                }
            }
            $cliRequests = Get-Requests
            $cliSeconds = ($listed.Seconds | Measure-Object -Sum).Sum
            Add-Result 'Inventory' 'Azure CLI' "$size registries, $(3 * $size) replicas, 5 subscriptions" @($cliSeconds) $cliRequests @(($listed.MaxRssMiB | Measure-Object -Maximum).Maximum) `
                "az acr list per subscription, az acr replication list per registry ($($listed.Count) processes)"
            $cliPerRegistry = $cliSeconds / $size
            $cliRequestsPerRegistry = $cliRequests.Total / $size
        }
        else {
            Add-Result 'Inventory' 'Azure CLI' "$size registries, $(3 * $size) replicas, 5 subscriptions" @($cliPerRegistry * $size) `
                ([pscustomobject]@{ Total = [math]::Round($cliRequestsPerRegistry * $size); Tokens = 0; Throttled = 0 }) @() `
                "extrapolated from the $CliInventoryLimit-registry run: $([math]::Round($cliPerRegistry, 2)) s and $([math]::Round($cliRequestsPerRegistry, 1)) requests per registry"
        }
        # az's best: Resource Graph through az rest (the resource-graph extension is not in Debian's package), page by page.
        $null = Invoke-Admin -Method Delete -Path requests
        $query = "resources | where type in~ ('microsoft.containerregistry/registries/replications') | project id, name, location, properties | order by id asc"
        $pages = @(); $skipToken = $null; $rows = 0
        do {
            $options = @{ '$top' = 1000 }
            if ($skipToken) { $options['$skipToken'] = $skipToken }
            $bodyFile = Join-Path $work 'graph.json'
            @{ subscriptions = $subscriptions; query = $query; options = $options } | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $bodyFile
            $page = Invoke-Az rest --method post --url "$($connection.baseUrl)/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01" --body "@$bodyFile"
            $pages += $page
            $answer = $page.Stdout | ConvertFrom-Json
            $rows += $answer.count
            $skipToken = $answer.PSObject.Properties['$skipToken']?.Value
        } while ($skipToken)
        $graphRequests = Get-Requests
        Add-Result 'Inventory' 'Azure CLI + Resource Graph' "$size registries, $(3 * $size) replicas, 5 subscriptions" @(($pages.Seconds | Measure-Object -Sum).Sum) $graphRequests @(($pages.MaxRssMiB | Measure-Object -Maximum).Maximum) `
            "az rest, one process per page of 1,000 ($($pages.Count) pages, $rows rows)"
    }

    # --- The Contoso flow, each side in an emulator of its own (the story's names are global).
    $loads['Contoso'] = Get-Load
    Say 'The Contoso flow'
    $contoso = Invoke-Measured -FilePath $pwsh -ArgumentList @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'examples/Contoso.ps1'),
        '-ModulePath', $modulePath, '-ProvisioningDelaySeconds', "$ProvisioningDelaySeconds", '-SyncDelaySeconds', '1', '-RequestLog', (Join-Path $work 'contoso-requests.json')) -Environment @{ POWERSHELL_TELEMETRY_OPTOUT = '1' }
    if ($contoso.ExitCode -ne 0) { throw "examples/Contoso.ps1 failed: $($contoso.Stderr)" }
    $contosoLog = @(Get-Content -Raw -LiteralPath (Join-Path $work 'contoso-requests.json') | ConvertFrom-Json)
    $contosoArm = @($contosoLog | Where-Object { $_.path -notlike '*/oauth2/*' })
    Add-Result 'Contoso flow' 'AcrGeo' 'examples/Contoso.ps1 (its own emulator)' @($contoso.Seconds) ([pscustomobject]@{ Total = $contosoArm.Count; Tokens = $contosoLog.Count - $contosoArm.Count; Throttled = @($contosoArm | Where-Object status -eq 429).Count }) @($contoso.MaxRssMiB)
    if ($az) {
        $null = Invoke-Admin -Method Delete -Path requests
        $contosoCli = Invoke-Measured -FilePath 'bash' -ArgumentList @((Join-Path $PSScriptRoot 'contoso-az.sh'), $connection.baseUrl, $connection.proxy) -Environment $cli
        if ($contosoCli.ExitCode -ne 0) { throw "bench/contoso-az.sh failed: $($contosoCli.Stderr)" }
        $commands = ($contosoCli.Stdout -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1 | ConvertFrom-Json).commands
        Add-Result 'Contoso flow' 'Azure CLI' 'bench/contoso-az.sh (the same steps as az commands)' @($contosoCli.Seconds) (Get-Requests) @($contosoCli.MaxRssMiB) `
            "$commands az processes; no wait for sync, no region map, no per-region image check"
    }
}
finally {
    if ($bulk) { $bulk.Dispose() }
    Stop-AcrGeoEmulator
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}

$loads['End'] = Get-Load
# Kept for a report written again without running again: Write-BenchmarkReport.ps1 -Results (Get-Content ... | ConvertFrom-Json).
$saved = Join-Path $root 'out/bench-results.json'
$null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $saved)
@{ results = $results; loads = $loads; breakdown = $breakdown; seconds = $clock.Elapsed.TotalSeconds } | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $saved
$report = & (Join-Path $PSScriptRoot 'Write-BenchmarkReport.ps1') -Results $results -Loads $loads -Breakdown $breakdown -Output $Output -Chart $Chart `
    -ProvisioningDelaySeconds $ProvisioningDelaySeconds -Seconds $clock.Elapsed.TotalSeconds
Say "Written into $Output and $Chart"
