# Helpers for the Pester suites, dot-sourced in BeforeAll (and BeforeDiscovery where discovery needs them).
# The suites import the built module from out/AcrGeo and use the local emulator as the Azure backend: the .NET tool
# the build packs and installs (tools/Install-Emulator.ps1; Invoke-Pester.ps1 points ACRGEO_EMULATOR_PATH at it),
# started and stopped with the module's own Start-AcrGeoEmulator and Stop-AcrGeoEmulator, as a user's runbook tests
# would. Nothing here mocks the module's cmdlets.

function Get-AcrGeoRepositoryRoot {
    # The folder holding AcrGeo.sln, found upwards from this file, so the suites run from any working directory.
    $folder = $PSScriptRoot
    while ($folder) {
        if (Test-Path -LiteralPath (Join-Path $folder 'AcrGeo.sln')) { return $folder }
        $folder = Split-Path -Parent $folder
    }
    throw "No AcrGeo.sln was found above '$PSScriptRoot'; run the suites from a clone of the AcrGeo repository."
}

function Get-AcrGeoModulePath {
    # The manifest of the built module: the suites test what ships, never the sources.
    $root = Get-AcrGeoRepositoryRoot
    $path = Join-Path $root 'out/AcrGeo/AcrGeo.psd1'
    if (-not (Test-Path -LiteralPath $path)) {
        throw "The AcrGeo module is not built: '$path' does not exist. Run 'dotnet build src/AcrGeo -c Release' " +
            "(or ./build.ps1) in '$root' first."
    }
    $path
}

function Get-DotnetPath {
    $dotnet = Get-Command -Name dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $dotnet) { throw 'The .NET SDK (dotnet) is not on PATH; the emulator runs on it.' }
    $dotnet.Source
}

function Get-EmulatorConnection {
    # The emulator's connection file, credential included: for the tests' own calls to its token endpoint and admin
    # API. The module never needs this; Start-AcrGeoEmulator connects it.
    param([Parameter(Mandatory)] $Emulator)
    Get-Content -LiteralPath $Emulator.ConnectionFile -Raw | ConvertFrom-Json
}

function New-TestResourceName {
    # Registry names are 5 to 50 letters and digits, and globally unique: a prefix and random digits.
    param([Parameter(Mandatory)] [string] $Prefix)
    '{0}{1}' -f $Prefix, (Get-Random -Minimum 10000000 -Maximum 99999999)
}

function Get-PwshPath {
    # The PowerShell that runs this suite, for checks that need a fresh process.
    $name = if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }
    $path = Join-Path $PSHOME $name
    if (Test-Path -LiteralPath $path) { return $path }
    (Get-Command -Name pwsh -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
}

function Invoke-FreshPowerShell {
    <#
    .SYNOPSIS
        Runs a script in a new pwsh process (no profile, non-interactive); returns its exit code and output lines.
    .DESCRIPTION
        For what one session cannot show, such as assembly load order: the module and Az.Accounts imported in
        either order into a process where neither is loaded yet. Values reach the script through environment
        variables, so the script needs no quoting; -EncodedCommand carries it intact on every platform.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{}
    )
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, [string]$Environment[$name])
    }
    try {
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
        $output = @(& (Get-PwshPath) -NoProfile -NonInteractive -NoLogo -EncodedCommand $encoded 2>&1 | ForEach-Object { "$_" })
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

function Invoke-EmulatorAdmin {
    # The emulator's admin API (/_emulator: request log, pull log, settings, faults). It needs no token; the test trusts
    # the emulator's own certificate for these calls only, as the module pins it for its own.
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'Get',
        [object] $Body
    )
    $arguments = @{ Method = $Method; Uri = "$($Emulator.BaseUrl.ToString().TrimEnd('/'))/_emulator/$Path"; SkipCertificateCheck = $true }
    if ($PSBoundParameters.ContainsKey('Body')) { $arguments.Body = $Body | ConvertTo-Json -Depth 5; $arguments.ContentType = 'application/json' }
    # A JSON array comes back as one object; its items are written one by one.
    Invoke-RestMethod @arguments | ForEach-Object { $_ }
}

function Get-EmulatorRequest {
    # The requests the emulator has seen since the last Clear-EmulatorLog; with -Mutating only those that change
    # something (PUT, PATCH, DELETE, and POSTs other than token requests), which a refusal must not have sent.
    param([Parameter(Mandatory)] $Emulator, [switch] $Mutating)
    $requests = @(Invoke-EmulatorAdmin -Emulator $Emulator -Path requests)
    if (-not $Mutating) { return $requests }
    @($requests | Where-Object {
            $_.method -in 'PUT', 'PATCH', 'DELETE' -or ($_.method -eq 'POST' -and $_.path -notmatch '/oauth2/|^/adfs/|^/msi/')
        })
}

function Get-EmulatorPull {
    # The emulator's pull log: every image pull Container Instances made, and whether (and why not) it succeeded.
    param([Parameter(Mandatory)] $Emulator)
    @(Invoke-EmulatorAdmin -Emulator $Emulator -Path pulls)
}

function Clear-EmulatorLog {
    # Empties the request log and the pull log, so what follows is counted alone.
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-EmulatorAdmin -Emulator $Emulator -Path requests -Method Delete
    $null = Invoke-EmulatorAdmin -Emulator $Emulator -Path pulls -Method Delete
}

function Test-EmulatorSignIn {
    # Whether the emulator's directory accepts the password for the application: a client-credentials token request.
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [pscredential] $Credential)
    try {
        $null = Invoke-RestMethod -Method Post -SkipCertificateCheck -Uri "$($Emulator.BaseUrl.ToString().TrimEnd('/'))/$($Emulator.TenantId)/oauth2/v2.0/token" `
            -Body @{
                grant_type = 'client_credentials'; client_id = $Credential.UserName; client_secret = $Credential.GetNetworkCredential().Password
                scope = 'https://management.azure.com/.default'
            }
        $true
    }
    catch {
        $false
    }
}
