# The module as PowerShell itself sees it: what it exports, its help, -WhatIf on every change, living next to
# Az.Accounts in either import order, and a clear error when nothing is connected.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # The manifest in the repository root is the list the build ships; reading it needs no build.
    $cmdletNames = @((Import-PowerShellDataFile -Path (Join-Path (Get-AcrGeoRepositoryRoot) 'AcrGeo.psd1')).CmdletsToExport)
    # The verbs of the module's cmdlets that change something in Azure.
    $changingCmdletNames = @($cmdletNames | Where-Object { $_ -match '^(New|Set|Remove|Reset)-' })
    $removingCmdletNames = @($cmdletNames | Where-Object { $_ -match '^Remove-' })
    $azAccountsMissing = -not (Get-Module -ListAvailable -Name Az.Accounts)
}

Describe 'The AcrGeo module' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        $modulePath = Get-AcrGeoModulePath
        Import-Module $modulePath -Force
        $module = Get-Module -Name AcrGeo
        $manifest = Import-PowerShellDataFile -Path $modulePath
        # -WhatIf and -Confirm, -Verbose and the rest: PowerShell adds and documents these itself.
        $commonParameters = @([System.Management.Automation.Cmdlet]::CommonParameters) +
            @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)
    }

    AfterAll {
        Remove-Module -Name AcrGeo -Force -ErrorAction SilentlyContinue
    }

    Context 'Import and exports' {
        It 'imports from the build output in out/AcrGeo' {
            $module | Should -Not -BeNullOrEmpty
            @($module).Count | Should -Be 1
            $expected = [IO.Path]::GetFullPath((Split-Path -Parent $modulePath)).TrimEnd('\', '/')
            [IO.Path]::GetFullPath($module.ModuleBase).TrimEnd('\', '/') | Should -Be $expected
        }

        It 'exports exactly the cmdlets its manifest lists, and no functions, aliases or variables' {
            $listed = @($manifest.CmdletsToExport | Sort-Object) -join ','
            $exported = @((Get-Command -Module AcrGeo).Name | Sort-Object -Unique) -join ','

            $exported | Should -Be $listed
            $module.ExportedCmdlets.Count | Should -Be @($manifest.CmdletsToExport).Count
            $module.ExportedFunctions.Count | Should -Be 0
            $module.ExportedAliases.Count | Should -Be 0
            $module.ExportedVariables.Count | Should -Be 0
        }
    }

    Context 'Help for <_>' -ForEach $cmdletNames {
        BeforeAll {
            $cmdletName = $_
            $help = Get-Help -Name $cmdletName -Full
        }

        It 'has a synopsis and a description' {
            "$($help.Synopsis)".Trim() | Should -Not -BeNullOrEmpty
            # Without a help file Get-Help makes the synopsis from the syntax, which starts with the name.
            "$($help.Synopsis)".Trim() | Should -Not -BeLike "$cmdletName *"
            (@($help.description.Text) -join ' ').Trim() | Should -Not -BeNullOrEmpty
        }

        It 'has at least one example with code and an explanation' {
            $examples = @($help.examples.example | Where-Object { $_ })

            $examples.Count | Should -BeGreaterOrEqual 1
            foreach ($example in $examples) {
                "$($example.code)".Trim() | Should -Not -BeNullOrEmpty
                (@($example.remarks.Text) -join ' ').Trim() | Should -Not -BeNullOrEmpty
            }
        }

        It 'documents every parameter, each with a description' {
            $declared = @((Get-Command -Name $cmdletName).Parameters.Keys | Where-Object { $_ -notin $commonParameters } | Sort-Object)
            $documented = @($help.parameters.parameter | Where-Object { $_ -and $_.name -notin $commonParameters })

            (@($documented.name | Sort-Object) -join ',') | Should -Be ($declared -join ',')
            (@($documented | Where-Object { -not (@($_.description.Text) -join ' ').Trim() }).name -join ', ') | Should -BeNullOrEmpty
        }
    }

    Context 'Commands that change something' {
        It 'are the New, Set, Remove and Reset cmdlets the manifest lists' {
            $changing = @(Get-Command -Module AcrGeo | Where-Object Verb -In 'New', 'Set', 'Remove', 'Reset')
            $listed = @($manifest.CmdletsToExport | Where-Object { $_ -match '^(New|Set|Remove|Reset)-' } | Sort-Object)

            $changing.Count | Should -BeGreaterOrEqual 6
            (@($changing.Name | Sort-Object -Unique) -join ',') | Should -Be ($listed -join ',')
        }

        It '<_> supports -WhatIf and -Confirm' -ForEach $changingCmdletNames {
            $parameters = (Get-Command -Name $_).Parameters

            $parameters.ContainsKey('WhatIf') | Should -BeTrue
            $parameters.ContainsKey('Confirm') | Should -BeTrue
        }

        It '<_> asks before removing unless told otherwise (ConfirmImpact High)' -ForEach $removingCmdletNames {
            $declaration = (Get-Command -Name $_).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)

            "$($declaration[0].ConfirmImpact)" | Should -Be 'High'
        }
    }

    Context 'Not connected' {
        BeforeAll {
            $savedSubscription = $env:AZURE_SUBSCRIPTION_ID
            Remove-Item -Path Env:\AZURE_SUBSCRIPTION_ID -ErrorAction SilentlyContinue
            Disconnect-AcrGeo
        }

        AfterAll {
            if ($null -ne $savedSubscription) { $env:AZURE_SUBSCRIPTION_ID = $savedSubscription }
        }

        It 'fails with AcrGeo.NotConnected, naming Connect-AcrGeo and AZURE_SUBSCRIPTION_ID' {
            { Get-AcrRegistry } |
                Should -Throw -ErrorId 'AcrGeo.NotConnected,AcrGeo.Commands.GetAcrRegistryCommand' -ExpectedMessage '*Connect-AcrGeo*AZURE_SUBSCRIPTION_ID*'
        }

        It 'shows no context' {
            @(Get-AcrGeoContext).Count | Should -Be 0
        }
    }

    Context 'Next to Az.Accounts, in a new process each' {
        BeforeAll {
            # Each check starts a process in which neither module is loaded yet, then really uses AcrGeo (a sign-in
            # and a list against the emulator), as conflicting Azure.Core copies fail only when the code runs.
            if (Get-Module -ListAvailable -Name Az.Accounts) {
                $emulator = Start-AcrGeoEmulator -NoConnect
                $processEnvironment = @{
                    ACRGEO_TEST_MODULE       = $modulePath
                    ACRGEO_TEST_EMULATOR_DIR = $emulator.DataDirectory
                }
            }
        }

        AfterAll {
            if ($emulator) { $emulator | Stop-AcrGeoEmulator }
        }

        It 'imports and works after Import-Module Az.Accounts' -Skip:$azAccountsMissing {
            $run = Invoke-FreshPowerShell -Environment $processEnvironment -Script @'
$ErrorActionPreference = 'Stop'
Import-Module Az.Accounts
$null = Get-AzContext
Import-Module $env:ACRGEO_TEST_MODULE
$null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $env:ACRGEO_TEST_EMULATOR_DIR
$null = Get-AcrRegistry
'AcrGeo works after Az.Accounts'
'@
            $run.ExitCode | Should -Be 0 -Because ($run.Output -join [Environment]::NewLine)
            $run.Output | Should -Contain 'AcrGeo works after Az.Accounts'
        }

        It 'lets Az.Accounts import and work after AcrGeo' -Skip:$azAccountsMissing {
            $run = Invoke-FreshPowerShell -Environment $processEnvironment -Script @'
$ErrorActionPreference = 'Stop'
Import-Module $env:ACRGEO_TEST_MODULE
$null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $env:ACRGEO_TEST_EMULATOR_DIR
$null = Get-AcrRegistry
Import-Module Az.Accounts
$null = Get-AzContext
$null = Get-AcrRegistry
'Az.Accounts works after AcrGeo'
'@
            $run.ExitCode | Should -Be 0 -Because ($run.Output -join [Environment]::NewLine)
            $run.Output | Should -Contain 'Az.Accounts works after AcrGeo'
        }
    }
}
