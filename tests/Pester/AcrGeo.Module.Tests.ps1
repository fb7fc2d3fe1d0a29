# The module as PowerShell itself sees it: its manifest, layout and exports, the design rules every cmdlet follows
# (approved verbs, -WhatIf on every change, declared output, parameters that bind from the module's own objects, no
# Azure SDK type on its surface), its format views, its private load context, living next to Az.Accounts in either
# import order, and a clear error when nothing is connected. The help has its own file, AcrGeo.Help.Tests.ps1.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # The manifest in the repository root is the list the build ships; reading it needs no build.
    $cmdletNames = @((Import-PowerShellDataFile -Path (Join-Path (Get-AcrGeoRepositoryRoot) 'AcrGeo.psd1')).CmdletsToExport)
    # Cmdlets with these verbs only read, or only change the session's connection; every other cmdlet changes
    # something (in Azure, or files) and must support -WhatIf and -Confirm.
    $readingVerbs = 'Get', 'Wait', 'Connect', 'Disconnect'
    $changingCmdletNames = @($cmdletNames | Where-Object { ($_ -split '-')[0] -notin $readingVerbs })
    $removingCmdletNames = @($cmdletNames | Where-Object { $_ -match '^Remove-' })
}

Describe 'The AcrGeo module' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        $modulePath = Get-AcrGeoModulePath
        Import-Module $modulePath -Force
        $module = Get-Module -Name AcrGeo
        $manifest = Import-PowerShellDataFile -Path $modulePath
        $commands = @(Get-Command -Module AcrGeo)
        $cmdletAssembly = $commands[0].ImplementingType.Assembly
        $outputTypes = @($commands.OutputType.Type | Where-Object { $_ -and $_ -ne [void] } | Sort-Object FullName -Unique)
        # The engine's types, such as AcrGeo.Models.AcrReplica, live in the module's private load context.
        $engineAssembly = ($outputTypes | Where-Object { $_.Assembly.GetName().Name -eq 'AcrGeo.Engine' } | Select-Object -First 1).Assembly
        $moduleTypes = @($cmdletAssembly.GetExportedTypes()) + @($engineAssembly.GetExportedTypes())
        $commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters

        function Get-ConstituentType([type] $Type) {
            # The type and everything it is built from: element types and generic arguments, all the way down.
            $Type
            $parts = if ($Type.HasElementType) { @($Type.GetElementType()) } elseif ($Type.IsGenericType) { $Type.GetGenericArguments() } else { @() }
            foreach ($part in $parts) { Get-ConstituentType $part }
        }
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

    Context 'Manifest' {
        It 'exports every cmdlet its assembly defines, and no other' {
            $defined = foreach ($type in $cmdletAssembly.GetExportedTypes()) {
                $cmdlet = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) | Select-Object -First 1
                if ($cmdlet) { "$($cmdlet.VerbName)-$($cmdlet.NounName)" }
            }

            (@($manifest.CmdletsToExport | Sort-Object) -join ',') | Should -Be (@($defined | Sort-Object) -join ',')
        }

        It 'runs on Windows PowerShell 5.1 and PowerShell 7' {
            (@($manifest.CompatiblePSEditions | Sort-Object) -join ',') | Should -Be 'Core,Desktop'
            $manifest.PowerShellVersion | Should -Be '5.1'
        }

        It 'loads its cmdlet assembly and format files that ship beside it' {
            $manifest.RootModule | Should -Be 'AcrGeo.dll'
            @($manifest.FormatsToProcess).Count | Should -BeGreaterThan 0
            foreach ($format in $manifest.FormatsToProcess) { Join-Path $module.ModuleBase $format | Should -Exist }
        }

        It 'has the version of its cmdlet assembly' {
            $version = $cmdletAssembly.GetName().Version

            "$($module.Version)" | Should -Be "$($version.Major).$($version.Minor).$($version.Build)"
        }
    }

    Context 'Layout of the built module' {
        It 'has the cmdlet assembly alone at its root, where every module''s assemblies meet' {
            (@(Get-ChildItem -LiteralPath $module.ModuleBase -Filter '*.dll').Name -join ',') | Should -Be 'AcrGeo.dll'
        }

        It 'ships the loader and every assembly the engine references, outside .NET itself, in dependencies/' {
            $dependencies = Join-Path $module.ModuleBase 'dependencies'
            $runtime = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
            $missing = foreach ($name in @('AcrGeo.Engine', 'AcrGeo.LoadContext') + @($engineAssembly.GetReferencedAssemblies().Name)) {
                if ($name -eq 'netstandard' -or (Test-Path -LiteralPath (Join-Path $runtime "$name.dll"))) { continue }
                if (-not (Test-Path -LiteralPath (Join-Path $dependencies "$name.dll"))) { $name }
            }

            $engineAssembly.GetReferencedAssemblies().Name | Should -Contain 'Azure.Core'
            ($missing -join ', ') | Should -BeNullOrEmpty
        }

        It 'never ships the System.Management.Automation reference assembly' {
            @(Get-ChildItem -LiteralPath $module.ModuleBase -Filter 'System.Management.Automation.dll' -Recurse).Count | Should -Be 0
        }

        It 'keeps the cmdlet assembly free of references to the Azure SDK and System.Text.Json' {
            $references = @($cmdletAssembly.GetReferencedAssemblies().Name)

            $references | Should -Contain 'AcrGeo.Engine'
            (@($references | Where-Object { $_ -like 'Azure.*' -or $_ -like 'System.Text.Json*' }) -join ', ') | Should -BeNullOrEmpty
        }
    }

    Context 'Cmdlet design' {
        It 'uses approved verbs only' {
            $approved = @((Get-Verb).Verb)

            (@($commands | Where-Object Verb -notin $approved).Name -join ', ') | Should -BeNullOrEmpty
        }

        It 'declares the output type of every cmdlet' {
            (@($commands | Where-Object { @($_.OutputType).Count -eq 0 }).Name -join ', ') | Should -BeNullOrEmpty
        }

        It 'makes every cmdlet a sealed class on the async bridge, AcrGeo.AsyncCmdlet' {
            $astray = foreach ($command in $commands) {
                $type = $command.ImplementingType
                $bases = for ($base = $type.BaseType; $base; $base = $base.BaseType) { $base }
                if (-not $type.IsSealed -or -not ($bases | Where-Object { $_.FullName -eq 'AcrGeo.AsyncCmdlet' -and $_.Assembly -eq $cmdletAssembly })) {
                    $type.FullName
                }
            }

            ($astray -join ', ') | Should -BeNullOrEmpty
        }

        It 'shows no Azure SDK or JSON type in any parameter or in anything a cmdlet outputs' {
            $sdkRoots = 'Azure', 'System.Text.Json', 'System.ClientModel', 'Microsoft.Identity'
            $surface = @(
                foreach ($command in $commands) {
                    foreach ($property in $command.ImplementingType.GetProperties()) { [pscustomobject]@{ Owner = $command.Name; Property = $property } }
                }
                foreach ($type in $outputTypes) {
                    foreach ($property in $type.GetProperties()) { [pscustomobject]@{ Owner = $type.FullName; Property = $property } }
                })
            $leaks = foreach ($member in $surface) {
                foreach ($type in Get-ConstituentType $member.Property.PropertyType) {
                    $names = "$($type.Namespace)", $type.Assembly.GetName().Name
                    if ($sdkRoots | Where-Object { $root = $_; $names | Where-Object { $_ -eq $root -or $_.StartsWith("$root.") } }) {
                        "$($member.Owner).$($member.Property.Name): $($type.FullName)"
                    }
                }
            }

            ($leaks -join ', ') | Should -BeNullOrEmpty
        }
    }

    Context 'Commands that change something' {
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

    Context 'Parameters' {
        It 'are accepted by PowerShell: no name or alias twice in a cmdlet, none a common parameter''s' {
            $clashes = foreach ($command in $commands) {
                # PowerShell builds the metadata here, refusing a name, an alias or a set declared twice.
                $own = @($command.Parameters.Values | Where-Object Name -notin $commonParameters)
                $names = @($own.Name) + @($own.Aliases)
                $common = @($command.Parameters.Values | Where-Object Name -in $commonParameters | ForEach-Object { $_.Name; $_.Aliases })
                foreach ($name in $names | Group-Object | Where-Object Count -gt 1) { "$($command.Name): '$($name.Name)' names two parameters" }
                foreach ($name in $names | Where-Object { $_ -in $common }) { "$($command.Name): '$name' is a common parameter's" }
            }

            ($clashes -join ', ') | Should -BeNullOrEmpty
        }

        It 'bind by property name only to properties of objects the module outputs' {
            $properties = @($outputTypes.GetProperties().Name | Sort-Object -Unique)
            $unbound = foreach ($command in $commands) {
                foreach ($parameter in $command.Parameters.Values) {
                    $byPropertyName = @($parameter.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
                    if ($byPropertyName -and -not (@($parameter.Name) + @($parameter.Aliases) | Where-Object { $_ -in $properties })) {
                        "$($command.Name) -$($parameter.Name)"
                    }
                }
            }

            ($unbound -join ', ') | Should -BeNullOrEmpty
        }

        It 'give every cmdlet with several parameter sets a default set that parameters declare' {
            $wrong = foreach ($command in $commands | Where-Object { $_.ParameterSets.Count -gt 1 }) {
                $declared = @($command.Parameters.Values.ParameterSets.Keys | Where-Object { $_ -ne '__AllParameterSets' } | Sort-Object -Unique)
                if ($command.DefaultParameterSet -notin $declared) { "$($command.Name): '$($command.DefaultParameterSet)' among $($declared -join ', ')" }
            }

            ($wrong -join ', ') | Should -BeNullOrEmpty
        }

        It 'carry no pattern or range of their own: the engine checks every value once, with its own AcrGeo.Invalid* id' {
            # A ValidatePattern shows users a regex, and its '$' lets a trailing newline through; closed sets stay ValidateSet.
            $own = foreach ($command in $commands) {
                foreach ($parameter in $command.Parameters.Values | Where-Object Name -notin $commonParameters) {
                    foreach ($attribute in $parameter.Attributes | Where-Object {
                        $_ -is [System.Management.Automation.ValidatePatternAttribute] -or $_ -is [System.Management.Automation.ValidateRangeAttribute] -or
                        $_ -is [System.Management.Automation.ValidateLengthAttribute] -or $_ -is [System.Management.Automation.ValidateScriptAttribute] }) {
                        "$($command.Name) -$($parameter.Name): [$($attribute.GetType().Name)]"
                    }
                }
            }

            ($own -join ', ') | Should -BeNullOrEmpty
        }

        It 'never put two positional parameters at one position in a parameter set' {
            $clashes = foreach ($command in $commands) {
                foreach ($set in $command.ParameterSets) {
                    foreach ($position in $set.Parameters | Where-Object Position -ge 0 | Group-Object Position | Where-Object Count -gt 1) {
                        "$($command.Name) '$($set.Name)' position $($position.Name): $($position.Group.Name -join ', ')"
                    }
                }
            }

            ($clashes -join ', ') | Should -BeNullOrEmpty
        }
    }

    Context 'Format views' {
        BeforeAll {
            $formats = @($manifest.FormatsToProcess | ForEach-Object { [xml](Get-Content -LiteralPath (Join-Path $module.ModuleBase $_) -Raw) })
            $views = @($formats | ForEach-Object { $_.SelectNodes('//View') })
        }

        It 'select public types of the module and show only their properties' {
            $views.Count | Should -BeGreaterThan 0
            $wrong = foreach ($view in $views) {
                foreach ($typeName in $view.ViewSelectedBy.TypeName) {
                    $type = $moduleTypes | Where-Object FullName -eq $typeName.Trim()
                    if (-not $type) { "$($view.Name): $typeName is no public type of the module"; continue }
                    foreach ($property in $view.SelectNodes('.//PropertyName') | ForEach-Object { $_.InnerText.Trim() }) {
                        if (-not $type.GetProperty($property, [System.Reflection.BindingFlags]'Public, Instance, IgnoreCase')) { "$($view.Name): $typeName has no $property" }
                    }
                }
            }

            ($wrong -join ', ') | Should -BeNullOrEmpty
        }

        It 'have a header for each column of every table' {
            $wrong = foreach ($table in $formats | ForEach-Object { $_.SelectNodes('//TableControl') }) {
                $headers = @($table.TableHeaders.TableColumnHeader).Count
                foreach ($row in $table.SelectNodes('.//TableColumnItems')) {
                    if (@($row.TableColumnItem).Count -ne $headers) { "$($table.ParentNode.Name): $(@($row.TableColumnItem).Count) columns, $headers headers" }
                }
            }

            ($wrong -join ', ') | Should -BeNullOrEmpty
        }

        It 'exist, loaded by PowerShell, for every type of the module a cmdlet outputs' {
            $unformatted = $outputTypes | Where-Object { $_.IsClass -and $_.Namespace -in 'AcrGeo', 'AcrGeo.Models' -and -not (Get-FormatData -TypeName $_.FullName) }

            @($outputTypes | Where-Object Namespace -eq 'AcrGeo.Models').Count | Should -BeGreaterThan 0
            (@($unformatted.FullName) -join ', ') | Should -BeNullOrEmpty
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

    Context 'In its own load context, in a new process' {
        BeforeAll {
            # A process where nothing else loaded Azure.Core: the module is imported and really used (a sign-in and a
            # list against the emulator), then asked where its assemblies came from, then imported a second time.
            $emulator = Start-AcrGeoEmulator -NoConnect
            $run = Invoke-FreshPowerShell -Environment @{ ACRGEO_TEST_MODULE = $modulePath; ACRGEO_TEST_EMULATOR_DIR = $emulator.DataDirectory } -Script @'
$ErrorActionPreference = 'Stop'
Import-Module $env:ACRGEO_TEST_MODULE
$null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $env:ACRGEO_TEST_EMULATOR_DIR
$null = Get-AcrRegistry
$engine = (Get-Command Get-AcrRegistry).OutputType[0].Type.Assembly
$context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine)
$default = [System.Runtime.Loader.AssemblyLoadContext]::Default
"EngineContext=$($context.Name)"
"EnginePath=$($engine.Location)"
"AzureCorePath=$(($context.Assemblies | Where-Object { $_.GetName().Name -eq 'Azure.Core' }).Location)"
"InDefaultContext=$(@($default.Assemblies.GetName().Name | Where-Object { $_ -in 'Azure.Core', 'AcrGeo.Engine' }) -join ',')"
"DefaultContextEngine=$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($default.LoadFromAssemblyName([System.Reflection.AssemblyName]'AcrGeo.Engine')).Name)"
Remove-Module AcrGeo
Import-Module $env:ACRGEO_TEST_MODULE
$null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $env:ACRGEO_TEST_EMULATOR_DIR
$null = Get-AcrRegistry
'Imported again=works'
'@
            $facts = @{}
            foreach ($line in $run.Output) {
                if ($line -match '^(?<key>[A-Za-z ]+)=(?<value>.*)$') { $facts[$Matches.key] = $Matches.value }
            }
            $dependencies = Join-Path (Split-Path -Parent $modulePath) 'dependencies'
            # The build lays out the engine compiled ahead of time for the runtime and platform it ran on; the load
            # context prefers it there, and the portable set anywhere else.
            $precompiled = Join-Path $dependencies ('net{0}.0-{1}' -f [Environment]::Version.Major, [Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier)
            $expectedFolder = if (Test-Path -LiteralPath $precompiled) { $precompiled } else { $dependencies }

            function Test-ReadyToRun([string] $Path) {
                $stream = [IO.File]::OpenRead($Path)
                try { ([Reflection.PortableExecutable.PEReader]::new($stream)).PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 }
                finally { $stream.Dispose() }
            }
        }

        AfterAll {
            if ($emulator) { $emulator | Stop-AcrGeoEmulator }
        }

        It 'works, with the engine and Azure.Core from dependencies/ in the load context AcrGeo' {
            $run.ExitCode | Should -Be 0 -Because ($run.Output -join [Environment]::NewLine)
            $facts['EngineContext'] | Should -Be 'AcrGeo'
            $facts['EnginePath'] | Should -Be (Join-Path $expectedFolder 'AcrGeo.Engine.dll')
            $facts['AzureCorePath'] | Should -Be (Join-Path $expectedFolder 'Azure.Core.dll')
        }

        It 'loads the engine and Azure.Core compiled ahead of time (ReadyToRun) on the runtime the build compiled them for' {
            $precompiled | Should -Exist -Because 'the build lays out ReadyToRun images for the platform and runtime it runs on'
            Test-ReadyToRun $facts['EnginePath'] | Should -BeTrue
            Test-ReadyToRun $facts['AzureCorePath'] | Should -BeTrue
            Test-ReadyToRun (Join-Path $dependencies 'AcrGeo.Engine.dll') | Should -BeFalse -Because 'the portable set serves every other runtime'
        }

        It 'leaves the default load context without the engine and Azure.Core' {
            $facts.Keys | Should -Contain 'InDefaultContext' -Because ($run.Output -join [Environment]::NewLine)
            $facts['InDefaultContext'] | Should -BeNullOrEmpty
        }

        It 'answers the default context''s requests for the engine from its own context' {
            $facts['DefaultContextEngine'] | Should -Be 'AcrGeo' -Because ($run.Output -join [Environment]::NewLine)
        }

        It 'works again after Remove-Module and Import-Module' {
            $facts['Imported again'] | Should -Be 'works' -Because ($run.Output -join [Environment]::NewLine)
        }
    }

    Context 'Next to another Azure.Core in the default context (as Az.Accounts loads one), in a new process each' {
        BeforeAll {
            # Az.Accounts (not installable here) loads its own, older Azure.Core into PowerShell's default context.
            # An Azure.Core 1.36 from NuGet stands in for it: each check starts a process where neither is loaded yet,
            # then really uses both, as conflicting copies fail only when the code runs.
            $root = Get-AcrGeoRepositoryRoot
            $foreignVersion = ([xml](Get-Content -Raw -LiteralPath (Join-Path $root 'Directory.Packages.props'))).
                SelectSingleNode('/Project/PropertyGroup/ForeignAzureCoreVersion').InnerText
            $cache = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
            $foreignAzureCore = Join-Path $cache "azure.core/$foreignVersion/lib/net6.0/Azure.Core.dll"
            if (-not (Test-Path -LiteralPath $foreignAzureCore)) {
                throw "Azure.Core $foreignVersion is not in the NuGet cache ($foreignAzureCore); build.ps1 restores it (tools/pester/Pester.proj)."
            }
            $emulator = Start-AcrGeoEmulator -NoConnect
            $processEnvironment = @{
                ACRGEO_TEST_MODULE       = $modulePath
                ACRGEO_TEST_EMULATOR_DIR = $emulator.DataDirectory
                ACRGEO_TEST_AZURE_CORE   = $foreignAzureCore
            }
            # Uses the foreign Azure.Core for real: a type of its own, from the default context, with its version.
            $useForeign = @'
Add-Type -LiteralPath $env:ACRGEO_TEST_AZURE_CORE
$type = [Azure.Core.ResourceType]::new('Microsoft.Test/things')
"foreign Azure.Core $($type.GetType().Assembly.GetName().Version) in context '$([Runtime.Loader.AssemblyLoadContext]::GetLoadContext($type.GetType().Assembly).Name)'"
'@
            $useAcrGeo = @'
Import-Module $env:ACRGEO_TEST_MODULE
$null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $env:ACRGEO_TEST_EMULATOR_DIR
$null = Get-AcrRegistry
'AcrGeo works'
'@
            $strict = '$ErrorActionPreference = ''Stop'''
        }

        AfterAll {
            if ($emulator) { $emulator | Stop-AcrGeoEmulator }
        }

        It 'imports and works after the other Azure.Core was loaded' {
            $run = Invoke-FreshPowerShell -Environment $processEnvironment -Script ($strict, $useForeign, $useAcrGeo -join "`n")
            $run.ExitCode | Should -Be 0 -Because ($run.Output -join [Environment]::NewLine)
            $run.Output | Should -Contain "foreign Azure.Core 1.36.0.0 in context 'Default'"
            $run.Output | Should -Contain 'AcrGeo works'
        }

        It 'lets the other Azure.Core load and work after AcrGeo, and AcrGeo keeps working' {
            $again = '$null = Get-AcrRegistry; ''AcrGeo still works'''
            $run = Invoke-FreshPowerShell -Environment $processEnvironment -Script ($strict, $useAcrGeo, $useForeign, $again -join "`n")
            $run.ExitCode | Should -Be 0 -Because ($run.Output -join [Environment]::NewLine)
            $run.Output | Should -Contain "foreign Azure.Core 1.36.0.0 in context 'Default'"
            $run.Output | Should -Contain 'AcrGeo still works'
        }
    }
}
