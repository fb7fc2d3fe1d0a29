#Requires -Version 7.4
<#
.SYNOPSIS
    One benchmark scenario as a user runs it: a fresh pwsh imports the module, connects to the emulator and runs the
    command being measured. Invoke-Benchmark.ps1 starts it (under /usr/bin/time) and reads the one JSON line it prints.
.DESCRIPTION
    Cold       Import-Module, Connect-AcrGeo, the first Get-AcrReplica: each step's milliseconds.
    Warm       the same, then Get-AcrReplica -Count times in the warm session: the median and the fastest.
    FanOut     New-AcrReplica -Registry -Location <regions>: the command's milliseconds.
    Pipeline   Get-AcrRegistry -ResourceGroupName | New-AcrReplica -Location <regions>: milliseconds, and whether the
               output kept pipeline order.
    Inventory  Get-AcrReplica -All -Subscription <ids>: milliseconds and rows.
    Errors the command wrote are counted in the output (errors), never hidden.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('Cold', 'Warm', 'FanOut', 'Pipeline', 'Inventory')] [string] $Name,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorDataDirectory,
    [string] $Registry,
    [string] $ResourceGroupName,
    # Regions or subscription ids, comma-separated (one argument, so the process's command line stays short).
    [string] $List,
    [int] $Count = 20,
    [double] $PollIntervalSeconds = 1
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$watch = [Diagnostics.Stopwatch]::StartNew()
Import-Module $ModulePath
$imported = $watch.Elapsed.TotalMilliseconds
$null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $EmulatorDataDirectory -PollIntervalSeconds $PollIntervalSeconds
$connected = $watch.Elapsed.TotalMilliseconds
$items = if ($List) { $List -split ',' } else { @() }

$result = [ordered]@{ importMs = [math]::Round($imported, 1); connectMs = [math]::Round($connected - $imported, 1) }
$failures = @()
$started = $watch.Elapsed.TotalMilliseconds
switch ($Name) {
    'Cold' {
        $output = @(Get-AcrReplica -Registry $Registry)
        $result.commandMs = [math]::Round($watch.Elapsed.TotalMilliseconds - $started, 1)
        $result.totalMs = [math]::Round($watch.Elapsed.TotalMilliseconds, 1)
    }
    'Warm' {
        $output = @(Get-AcrReplica -Registry $Registry)
        $times = foreach ($run in 1..$Count) {
            $lap = [Diagnostics.Stopwatch]::StartNew()
            $null = Get-AcrReplica -Registry $Registry
            $lap.Elapsed.TotalMilliseconds
        }
        $sorted = @($times | Sort-Object)
        $result.commandMs = [math]::Round($sorted[[int][math]::Floor($sorted.Count / 2)], 2)
        $result.fastestMs = [math]::Round($sorted[0], 2)
    }
    'FanOut' {
        $output = @(New-AcrReplica -Registry $Registry -Location $items -ErrorVariable +failures -ErrorAction SilentlyContinue)
        $result.commandMs = [math]::Round($watch.Elapsed.TotalMilliseconds - $started, 1)
    }
    'Pipeline' {
        $output = @(Get-AcrRegistry -ResourceGroupName $ResourceGroupName |
                New-AcrReplica -Location $items -ErrorVariable +failures -ErrorAction SilentlyContinue)
        $result.commandMs = [math]::Round($watch.Elapsed.TotalMilliseconds - $started, 1)
        # Pipeline order: the registries' names as they come out, each once, sorted as Get-AcrRegistry sorts them (by name).
        $order = @($output.RegistryName | Select-Object -Unique)
        $result.inPipelineOrder = (($order -join ',') -eq ((@($order | Sort-Object)) -join ','))
    }
    'Inventory' {
        $output = @(Get-AcrReplica -All -Subscription $items)
        $result.commandMs = [math]::Round($watch.Elapsed.TotalMilliseconds - $started, 1)
    }
}
$result.objects = $output.Count
$result.errors = $failures.Count
$result | ConvertTo-Json -Compress
