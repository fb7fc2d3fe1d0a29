# Helpers for the Pester suites, dot-sourced in BeforeAll (and BeforeDiscovery where discovery needs them).
# The suites import the built module from out/AcrGeo and use the local emulator as the Azure backend: a real
# process on loopback, started per test file with short delays, so nothing here mocks the module's cmdlets.

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

function Start-AcrGeoEmulator {
    <#
    .SYNOPSIS
        Starts the emulator on a free port with its own data folder; returns what Stop-AcrGeoEmulator needs.
    .DESCRIPTION
        Short provisioning and sync delays keep the suites quick while replicas still pass through Creating and
        Syncing. The emulator writes connection.json into its data folder once it listens, which is what
        Connect-AcrGeo -Emulator -EmulatorDataDirectory reads; this waits (bounded) for that file.
    #>
    [CmdletBinding()]
    param(
        [double] $ProvisioningDelaySeconds = 1,
        [double] $SyncDelaySeconds = 2,
        [int] $StartTimeoutSeconds = 60
    )
    $root = Get-AcrGeoRepositoryRoot
    $project = Join-Path $root 'src/AcrGeo.Emulator'
    $dotnet = Get-DotnetPath

    $built = Get-ChildItem -LiteralPath (Join-Path $project 'bin/Release') -Filter 'AcrGeo.Emulator.dll' -Recurse -ErrorAction SilentlyContinue
    if (-not $built) {
        $log = & $dotnet build $project -c Release --nologo 2>&1
        if ($LASTEXITCODE -ne 0) {
            throw "Building the emulator failed (dotnet build $project -c Release):`n$($log -join [Environment]::NewLine)"
        }
    }

    $dataDirectory = Join-Path ([IO.Path]::GetTempPath()) ('acrgeo-pester-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $dataDirectory
    $stdout = Join-Path $dataDirectory 'emulator.out.log'
    $stderr = Join-Path $dataDirectory 'emulator.err.log'
    $invariant = [Globalization.CultureInfo]::InvariantCulture
    # One argument string with the paths quoted: Start-Process joins an array with spaces and quotes nothing.
    $arguments = ('run --project "{0}" -c Release --no-build -- --port 0 --data-dir "{1}" --provisioning-delay {2} --sync-delay {3} --retry-after 0' -f
        $project, $dataDirectory, $ProvisioningDelaySeconds.ToString($invariant), $SyncDelaySeconds.ToString($invariant))
    $process = Start-Process -FilePath $dotnet -ArgumentList $arguments -PassThru -NoNewWindow `
        -RedirectStandardOutput $stdout -RedirectStandardError $stderr

    $emulator = [pscustomobject]@{
        Process        = $process
        DataDirectory  = $dataDirectory
        ConnectionFile = Join-Path $dataDirectory 'connection.json'
    }
    $deadline = [DateTime]::UtcNow.AddSeconds($StartTimeoutSeconds)
    while (-not (Test-Path -LiteralPath $emulator.ConnectionFile)) {
        if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            $why = if ($process.HasExited) { "it exited with code $($process.ExitCode)" } else { "no connection.json after $StartTimeoutSeconds s" }
            $output = @(Get-Content -LiteralPath $stdout, $stderr -ErrorAction SilentlyContinue | Where-Object { $_ -notmatch 'clientSecret' })
            Stop-AcrGeoEmulator -Emulator $emulator
            throw "The emulator did not start ($why). Its output:`n$($output -join [Environment]::NewLine)"
        }
        Start-Sleep -Milliseconds 200
    }
    $emulator
}

function Stop-AcrGeoEmulator {
    # Ends 'dotnet run' and the emulator process it started (the whole tree), then removes the data folder.
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $process = $Emulator.Process
    if ($process -and -not $process.HasExited) {
        try {
            $process.Kill($true)
        }
        catch {
            # It may have ended between the check and the kill; the wait below tells.
            Write-Verbose "Stopping the emulator: $_"
        }
        if (-not $process.WaitForExit(15000)) {
            Write-Warning "The emulator (process $($process.Id)) did not stop; end it by hand."
        }
    }
    Remove-Item -LiteralPath $Emulator.DataDirectory -Recurse -Force -ErrorAction SilentlyContinue
}

function Get-EmulatorConnection {
    param([Parameter(Mandatory)] $Emulator)
    Get-Content -LiteralPath $Emulator.ConnectionFile -Raw | ConvertFrom-Json
}

function New-EmulatorResourceGroup {
    <#
    .SYNOPSIS
        Creates a resource group in the emulator with two plain ARM calls, as the module has no resource-group cmdlet.
    .DESCRIPTION
        Signs in as the emulator's service principal (client credentials) and PUTs the group. The emulator's
        certificate is self-signed; only these test-setup calls skip its check, the module itself pins it.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Name,
        [string] $Location = 'westus'
    )
    if ($PSVersionTable.PSVersion.Major -lt 7) {
        throw 'The Pester suites need PowerShell 7 (Invoke-RestMethod -SkipCertificateCheck for the emulator).'
    }
    $connection = Get-EmulatorConnection -Emulator $Emulator
    $token = Invoke-RestMethod -Method Post -SkipCertificateCheck `
        -Uri "$($connection.baseUrl)/$($connection.tenantId)/oauth2/v2.0/token" `
        -Body @{
            grant_type    = 'client_credentials'
            client_id     = $connection.clientId
            client_secret = $connection.clientSecret
            scope         = 'https://management.azure.com/.default'
        }
    $null = Invoke-RestMethod -Method Put -SkipCertificateCheck `
        -Uri "$($connection.baseUrl)/subscriptions/$($connection.subscriptionId)/resourcegroups/$($Name)?api-version=2021-04-01" `
        -Headers @{ Authorization = "Bearer $($token.access_token)" } `
        -ContentType 'application/json' `
        -Body (@{ location = $Location } | ConvertTo-Json)
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
