#Requires -Version 7.0
<#
.SYNOPSIS
    Builds the module and the emulator, then runs the Pester 5 suites in tests/Pester.
.DESCRIPTION
    The suites import the built module from out/AcrGeo and start the emulator from its Release build, so both are
    built first (incremental, so quick when nothing changed). Output is Detailed; the exit code is 0 only when every
    test passed, and the last line is 'N passed, M failed' for CI. An NUnit XML report goes to TestResults/.
.EXAMPLE
    pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-Pester.ps1
.EXAMPLE
    ./tests/Pester/Invoke-Pester.ps1 -Path tests/Pester/AcrGeo.Replica.Tests.ps1 -NoBuild
#>
[CmdletBinding()]
param(
    # Test files or folders; all of tests/Pester by default.
    [string[]] $Path = @($PSScriptRoot),
    # Use the existing out/AcrGeo and emulator builds.
    [switch] $NoBuild
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Common.ps1')
$root = Get-AcrGeoRepositoryRoot

if (-not $NoBuild) {
    $dotnet = Get-DotnetPath
    foreach ($project in 'src/AcrGeo', 'src/AcrGeo.Emulator') {
        Write-Host "dotnet build $project -c Release"
        & $dotnet build (Join-Path $root $project) -c Release --nologo -v quiet
        if ($LASTEXITCODE -ne 0) {
            Write-Host "FAIL: dotnet build $project failed ($LASTEXITCODE)."
            exit 1
        }
    }
    # The build lays out out/AcrGeo afresh; the help comes from docs/en-US.
    try {
        $null = & (Join-Path $root 'tools/Build-Help.ps1') -MarkdownPath (Join-Path $root 'docs/en-US') -OutputPath (Join-Path $root 'out/AcrGeo/en-US')
    }
    catch {
        Write-Host "FAIL: tools/Build-Help.ps1: $($_.Exception.Message)"
        exit 1
    }
}
$null = Get-AcrGeoModulePath

$pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version.Major -eq 5 } |
    Sort-Object -Property Version -Descending | Select-Object -First 1
if (-not $pester) {
    Write-Host 'FAIL: Pester 5 is not installed. Install it with: Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser'
    exit 1
}
Import-Module -Name $pester.Path -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path $root 'TestResults/Pester.xml'
$null = New-Item -ItemType Directory -Force -Path (Join-Path $root 'TestResults')

$result = Invoke-Pester -Configuration $configuration

# Failed setup blocks and test files that did not load are failures too, even when no It failed.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
Write-Host ('{0} passed, {1} failed' -f $result.PassedCount, $failed)
if ($failed -gt 0 -or $result.Result -ne 'Passed') { exit 1 }
exit 0
