#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the Pester suites in tests/Pester against the built module and the installed emulator tool.
.DESCRIPTION
    build.ps1 builds what the suites test (out/AcrGeo, out/packages, the emulator tool in out/emulator), restores
    Pester from NuGet and calls this script in a process of its own: run 'dotnet pwsh ./build.ps1 Pester'. Output is
    Detailed; an NUnit XML report goes to TestResults/Pester.xml; the last line is 'N passed, M failed', and the exit
    code is 0 only when every test passed and nothing was skipped.
.EXAMPLE
    dotnet pwsh ./build.ps1 Pester -PesterPath tests/Pester/AcrGeo.Replica.Tests.ps1
#>
[CmdletBinding()]
param(
    # The Pester 5 module (its Pester.psd1), as build.ps1 restored it from NuGet.
    [Parameter(Mandatory)]
    [string] $PesterModulePath,
    # Test files or folders; all of tests/Pester by default.
    [string[]] $Path = @($PSScriptRoot)
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Common.ps1')
$root = Get-AcrGeoRepositoryRoot
$null = Get-AcrGeoModulePath
if (-not $env:ACRGEO_EMULATOR_PATH -or -not (Test-Path -LiteralPath $env:ACRGEO_EMULATOR_PATH)) {
    Write-Host "FAIL: ACRGEO_EMULATOR_PATH does not name the installed emulator tool; run the suites with: dotnet pwsh ./build.ps1 Pester"
    exit 1
}

Import-Module -Name $PesterModulePath -Force
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path $root 'TestResults/Pester.xml'
$null = New-Item -ItemType Directory -Force -Path (Join-Path $root 'TestResults')

$result = Invoke-Pester -Configuration $configuration

# Failed setup blocks and test files that did not load are failures too, even when no It failed; a skipped test is a
# check that did not run, so it fails the suite as well.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount + $result.SkippedCount
Write-Host ('{0} passed, {1} failed' -f $result.PassedCount, $failed)
if ($failed -gt 0 -or $result.Result -ne 'Passed') { exit 1 }
exit 0
