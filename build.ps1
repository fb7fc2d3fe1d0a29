#Requires -Version 7.0
<#
.SYNOPSIS
    Builds the ready-to-import AcrGeo module into out/AcrGeo, and optionally runs the tests.
.DESCRIPTION
    The layout itself is made by the LayoutModule target of src/AcrGeo/AcrGeo.csproj, so 'dotnet build src/AcrGeo'
    produces exactly the same folder where PowerShell is not installed. This script adds the checks and test runs.
.EXAMPLE
    ./build.ps1                 # Release build of out/AcrGeo
.EXAMPLE
    ./build.ps1 -Test -Pester   # build, then the xunit suites and the Pester suite
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [switch] $Test,
    [switch] $Pester
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

dotnet build src/AcrGeo -c $Configuration
if ($LASTEXITCODE) { throw "dotnet build failed ($LASTEXITCODE)." }

$module = Join-Path $PSScriptRoot 'out/AcrGeo'
foreach ($required in 'AcrGeo.psd1', 'AcrGeo.dll', 'AcrGeo.format.ps1xml', 'dependencies/AcrGeo.Engine.dll',
                      'dependencies/AcrGeo.LoadContext.dll', 'dependencies/Azure.Core.dll') {
    if (-not (Test-Path (Join-Path $module $required))) { throw "The module layout is missing $required." }
}
if (Test-Path (Join-Path $module 'System.Management.Automation.dll')) {
    throw 'System.Management.Automation.dll must not ship with the module.'
}
$manifest = Test-ModuleManifest (Join-Path $module 'AcrGeo.psd1')
Write-Host "Built AcrGeo $($manifest.Version) in $module"

if ($Test) {
    dotnet test AcrGeo.sln -c $Configuration
    if ($LASTEXITCODE) { throw "dotnet test failed ($LASTEXITCODE)." }
}
if ($Pester) {
    & (Join-Path $PSScriptRoot 'tests/Pester/Invoke-Pester.ps1')
    if ($LASTEXITCODE) { throw "Pester failed ($LASTEXITCODE)." }
}
