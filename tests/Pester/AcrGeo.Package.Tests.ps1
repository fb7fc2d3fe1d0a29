# The module as users get it: the .nupkg that build.ps1 Package makes, installed by PSResourceGet in a new process.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $root = Get-AcrGeoRepositoryRoot
    $version = ([xml](Get-Content -Raw -LiteralPath (Join-Path $root 'Directory.Build.props'))).SelectSingleNode('/Project/PropertyGroup/Version').InnerText
    $package = Join-Path $root "out/packages/AcrGeo.$version.nupkg"
    if (-not (Test-Path -LiteralPath $package)) {
        throw "There is no package at '$package'; make it with: dotnet pwsh ./build.ps1 Package"
    }
}

Describe 'The AcrGeo package' {
    BeforeAll {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($package)
        try {
            $entries = @($zip.Entries.FullName)
            $nuspecEntry = $zip.Entries | Where-Object FullName -Like '*.nuspec' | Select-Object -First 1
            $reader = [IO.StreamReader]::new($nuspecEntry.Open())
            try { $nuspec = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally {
            $zip.Dispose()
        }
        $metadata = $nuspec.package.metadata
        $changelog = Get-Content -Raw -LiteralPath (Join-Path $root 'CHANGELOG.md')
    }

    It 'carries the version of Directory.Build.props' {
        $metadata.version | Should -Be $version
    }

    It 'names its license and project' {
        $metadata.licenseUrl | Should -Match '^https://'
        $metadata.projectUrl | Should -Match '^https://'
    }

    It "has this version's CHANGELOG section as its release notes" {
        $metadata.releaseNotes | Should -Match ([regex]::Escape("## [$version]"))
        $firstAddition = [regex]::Match($changelog, "(?ms)^## \[$([regex]::Escape($version))\].*?^- (.+?)$").Groups[1].Value
        $firstAddition | Should -Not -BeNullOrEmpty
        $metadata.releaseNotes | Should -Match ([regex]::Escape($firstAddition.Substring(0, 40)))
    }

    It 'holds the cmdlets, their help, the format file and the isolated dependencies' {
        foreach ($file in 'AcrGeo.psd1', 'AcrGeo.dll', 'AcrGeo.format.ps1xml', 'LICENSE', 'en-US/AcrGeo.dll-Help.xml',
                          'en-US/about_AcrGeo.help.txt', 'dependencies/AcrGeo.Engine.dll', 'dependencies/Azure.Core.dll') {
            $entries | Should -Contain $file
        }
        $entries | Should -Not -Contain 'System.Management.Automation.dll'
    }
}

Describe 'Installing the package with PSResourceGet' {
    BeforeAll {
        # A new process with a HOME of its own: PSResourceGet's repository list and the CurrentUser module folder
        # both live under it, so nothing of the machine's is read or changed.
        $installHome = Join-Path ([IO.Path]::GetTempPath()) ('acrgeo-install-' + [guid]::NewGuid().ToString('N'))
        $repository = Join-Path $installHome 'repository'
        $null = New-Item -ItemType Directory -Path $repository
        Copy-Item -LiteralPath $package -Destination $repository

        $script = {
            $ErrorActionPreference = 'Stop'
            Register-PSResourceRepository -Name AcrGeoTest -Uri $env:ACRGEO_TEST_REPOSITORY -Trusted
            Install-PSResource -Name AcrGeo -Repository AcrGeoTest -Scope CurrentUser -TrustRepository
            Import-Module AcrGeo
            $module = Get-Module AcrGeo
            $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 0 -SyncDelaySeconds 0
            try {
                $registry = New-AcrRegistry -Name installcheck -ResourceGroupName installed -Location westus -CreateResourceGroup
                $replicas = @(Get-AcrReplica -Registry installcheck)
            }
            finally {
                Stop-AcrGeoEmulator
            }
            $help = Get-Help New-AcrReplica -Full
            $about = Get-Help about_AcrGeo
            [pscustomobject]@{
                ModuleBase     = $module.ModuleBase
                Version        = "$($module.Version)"
                LoginServer    = $registry.LoginServer
                Replicas       = $replicas.Location
                Synopsis       = $help.Synopsis
                Examples       = @($help.examples.example).Count
                Parameters     = @($help.parameters.parameter.name)
                AboutMentionsHomeRegion = "$about" -match 'home region'
            } | ConvertTo-Json -Compress
        }
        $run = Invoke-FreshPowerShell -Script $script.ToString() -Environment @{
            HOME                    = $installHome
            ACRGEO_TEST_REPOSITORY  = $repository
        }
        $json = $run.Output | Where-Object { $_ -like '{*' } | Select-Object -Last 1
        $installed = if ($json) { $json | ConvertFrom-Json }
    }
    AfterAll {
        Remove-Item -LiteralPath $installHome -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'installs into the new HOME and imports from there' {
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join [Environment]::NewLine)
        $installed.ModuleBase | Should -BeLike "$installHome*"
        $installed.Version | Should -Be $version
    }

    It 'runs a cmdlet against an emulator that the installed module starts' {
        $installed.LoginServer | Should -Be 'installcheck.azurecr.io'
        $installed.Replicas | Should -Be @('westus')
    }

    It 'brings Get-Help -Full for the cmdlets and the about_AcrGeo topic' {
        $installed.Synopsis | Should -Match 'regions'
        $installed.Examples | Should -BeGreaterThan 0
        $installed.Parameters | Should -Contain 'Location'
        $installed.AboutMentionsHomeRegion | Should -BeTrue
    }
}
