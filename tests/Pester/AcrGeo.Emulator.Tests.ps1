# Start-AcrGeoEmulator and Stop-AcrGeoEmulator as a user's runbook tests use them: the emulator tool started in the
# background, healthy, connected, and stopped again; its folders and state file; the refusals before anything starts;
# and no secret anywhere it could show. Each Context starts what it needs and stops it again.

Describe 'The emulator for module users' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        Import-Module (Get-AcrGeoModulePath) -Force
        $ProgressPreference = 'SilentlyContinue'

        function Get-EmulatorProcessId {
            # The emulators this PowerShell started: each is told its owner on its command line. Other sessions' and
            # other test runs' emulators on the same machine are none of these tests' business.
            @(Get-Process -Name 'acrgeo-emulator', 'AcrGeo.Emulator' -ErrorAction SilentlyContinue |
                Where-Object { "$($_.CommandLine) " -like "* --owner-pid $PID *" }).Id
        }

        function Get-TemporaryEmulatorFolder {
            @(Get-ChildItem -LiteralPath ([IO.Path]::GetTempPath()) -Directory -Filter 'acrgeo-emulator-*').FullName
        }

        function Get-Added([string[]] $Before, [string[]] $After) {
            @($After | Where-Object { $_ -notin $Before })
        }

        function New-FakeEmulator {
            # A stand-in executable for what the real one may do on a bad day: exit early with a code, or hang.
            param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Script)
            $path = Join-Path $TestDrive $Name
            Set-Content -LiteralPath $path -Value "#!/bin/sh`n$Script"
            chmod +x $path
            $path
        }
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Stop-AcrGeoEmulator
            Remove-Module -Name AcrGeo -Force
        }
    }

    Context 'Starting, connecting and stopping' {
        BeforeAll {
            $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 1 -SyncDelaySeconds 1 -PollIntervalSeconds 0.2
        }

        AfterAll {
            Stop-AcrGeoEmulator
        }

        It 'starts the installed tool in the background on a free loopback port with a temporary data folder' {
            # By name: the type lives in the module's own load context, where a type literal cannot see it.
            $emulator.GetType().FullName | Should -Be 'AcrGeo.Models.AcrGeoEmulator'
            Get-EmulatorProcessId | Should -Contain $emulator.ProcessId
            $emulator.ExecutablePath | Should -Be $env:ACRGEO_EMULATOR_PATH
            $emulator.BaseUrl.Host | Should -Be '127.0.0.1'
            $emulator.Port | Should -BeGreaterThan 0
            $emulator.DataDirectoryIsTemporary | Should -BeTrue
            Split-Path -Parent $emulator.DataDirectory | Should -Be ([IO.Path]::GetTempPath().TrimEnd([IO.Path]::DirectorySeparatorChar))
            $emulator.CertificatePath | Should -Exist
            $emulator.ConnectionFile | Should -Exist
            $emulator.StatePath | Should -BeNullOrEmpty
            $emulator.Version | Should -Be (Get-Module -Name AcrGeo).Version.ToString()
        }

        It 'answers /health with its status and version, without a token' {
            $health = Invoke-RestMethod -SkipCertificateCheck -Uri "$($emulator.BaseUrl)health"

            $health.status | Should -Be 'Healthy'
            $health.version | Should -Be $emulator.Version
        }

        It 'connects the session to it, so the cmdlets work with no further step' {
            $context = Get-AcrGeoContext
            $registry = New-TestResourceName -Prefix 'emu'

            $context.Environment | Should -Be 'AcrGeoEmulator'
            $context.ResourceManagerUrl | Should -Be $emulator.BaseUrl.ToString()
            $context.SubscriptionId | Should -Be $emulator.SubscriptionId
            $context.PollIntervalSeconds | Should -Be 0.2
            (New-AcrRegistry -Name $registry -ResourceGroupName 'rg-emu' -Location westus -CreateResourceGroup).ProvisioningState |
                Should -Be 'Succeeded'
        }

        It 'writes the emulator''s output to logs in its data folder' {
            $emulator.OutputLogPath | Should -Exist
            $emulator.ErrorLogPath | Should -Exist
            Get-Content -LiteralPath $emulator.OutputLogPath | Should -Contain "baseUrl=$($emulator.BaseUrl.ToString().TrimEnd('/'))"
        }

        It 'shows the process, base URL, subscription, state and data folder in its default table' {
            $table = ($emulator | Format-Table | Out-String -Width 300) -replace '\x1b\[[0-9;]*m', ''

            $table | Should -Match 'ProcessId\s+BaseUrl\s+SubscriptionId\s+StatePath\s+DataDirectory'
            $table | Should -Match "$($emulator.ProcessId)\s+$([regex]::Escape($emulator.BaseUrl.ToString()))\s+$($emulator.SubscriptionId)\s+\(memory\)"
        }

        It 'stops it: the process ends, its temporary folder goes, and the session is disconnected' {
            Stop-AcrGeoEmulator

            Get-EmulatorProcessId | Should -Not -Contain $emulator.ProcessId
            $emulator.DataDirectory | Should -Not -Exist
            @(Get-AcrGeoContext).Count | Should -Be 0
        }

        It 'takes an emulator that has already stopped as no error, with a note' {
            $notes = $emulator | Stop-AcrGeoEmulator -Verbose -ErrorVariable problems 4>&1

            $problems.Count | Should -Be 0
            "$notes" | Should -Match "No process $($emulator.ProcessId) is running"
        }
    }

    Context 'A data folder and a state file of your own' {
        BeforeAll {
            $dataDirectory = Join-Path $TestDrive 'emulator data'
            $statePath = Join-Path $TestDrive 'state/emulator state.json'
        }

        AfterAll {
            Stop-AcrGeoEmulator
        }

        It 'keeps the folder and the state, so a registry made before a stop is there after the next start' {
            $first = Start-AcrGeoEmulator -DataDirectory $dataDirectory -StatePath $statePath -ProvisioningDelaySeconds 0 -PollIntervalSeconds 0.2
            $registry = New-TestResourceName -Prefix 'kept'
            $null = New-AcrRegistry -Name $registry -ResourceGroupName 'rg-kept' -Location westus -CreateResourceGroup
            $first | Stop-AcrGeoEmulator

            $first.DataDirectoryIsTemporary | Should -BeFalse
            $dataDirectory | Should -Exist
            $statePath | Should -Exist
            $first.ConnectionFile | Should -Not -Exist

            $second = Start-AcrGeoEmulator -DataDirectory $dataDirectory -StatePath $statePath -PollIntervalSeconds 0.2

            $second.ProcessId | Should -Not -Be $first.ProcessId
            $second.SubscriptionId | Should -Be $first.SubscriptionId
            $second.StatePath | Should -Be $statePath
            (Get-AcrRegistry -Name $registry).Name | Should -Be $registry
        }

        It 'refuses a second emulator on a data folder a running one uses, and starts nothing' {
            $before = Get-EmulatorProcessId

            { Start-AcrGeoEmulator -DataDirectory $dataDirectory -NoConnect } |
                Should -Throw -ErrorId 'AcrGeo.EmulatorDataDirectoryInUse,AcrGeo.Commands.StartAcrGeoEmulatorCommand'
            Get-Added $before (Get-EmulatorProcessId) | Should -BeNullOrEmpty
        }
    }

    Context 'Refusals before anything starts' {
        BeforeEach {
            $processesBefore = Get-EmulatorProcessId
            $foldersBefore = Get-TemporaryEmulatorFolder
        }

        AfterEach {
            Get-Added $processesBefore (Get-EmulatorProcessId) | Should -BeNullOrEmpty -Because 'no emulator may be left running'
            Get-Added $foldersBefore (Get-TemporaryEmulatorFolder) | Should -BeNullOrEmpty -Because 'no temporary folder may be left'
        }

        It 'AcrGeo.EmulatorPortInUse when the port is taken' {
            $taken = [System.Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
            $taken.Start()
            try {
                $port = $taken.LocalEndpoint.Port
                { Start-AcrGeoEmulator -Port $port -NoConnect } |
                    Should -Throw -ErrorId 'AcrGeo.EmulatorPortInUse,AcrGeo.Commands.StartAcrGeoEmulatorCommand' -ExpectedMessage "*Port $port *"
            }
            finally {
                $taken.Stop()
            }
        }

        It 'AcrGeo.EmulatorPortInUse too when the port is taken after the check, told by the emulator''s exit code' -Skip:$IsWindows {
            # The emulator exits with 3 when it cannot bind; a stand-in does just that.
            $fake = New-FakeEmulator -Name 'port-taken' -Script 'echo "A port the emulator needs is in use" >&2; exit 3'

            { Start-AcrGeoEmulator -Path $fake -NoConnect } |
                Should -Throw -ErrorId 'AcrGeo.EmulatorPortInUse,AcrGeo.Commands.StartAcrGeoEmulatorCommand'
        }

        It 'AcrGeo.EmulatorStartFailed when it exits early, with the end of its log and no line that could hold a secret' -Skip:$IsWindows {
            $fake = New-FakeEmulator -Name 'crashes' -Script @'
echo "clientSecret=s3cr3t-value-that-must-not-show"
echo "Unhandled exception: the disk is full" >&2
exit 1
'@
            $failure = { Start-AcrGeoEmulator -Path $fake -NoConnect } |
                Should -Throw -ErrorId 'AcrGeo.EmulatorStartFailed,AcrGeo.Commands.StartAcrGeoEmulatorCommand' -PassThru

            $failure.Exception.Message | Should -BeLike '*exited with code 1*'
            $failure.Exception.Message | Should -BeLike '*the disk is full*'
            $failure.Exception.Message | Should -Not -BeLike '*s3cr3t-value*'
        }

        It 'AcrGeo.EmulatorStartFailed when it is not healthy within -TimeoutSeconds, and it is stopped' -Skip:$IsWindows {
            $marker = Join-Path $TestDrive 'hung.pid'
            $fake = New-FakeEmulator -Name 'hangs' -Script "echo `$`$ > '$marker'; echo 'still starting'; exec sleep 120"
            $clock = [Diagnostics.Stopwatch]::StartNew()

            { Start-AcrGeoEmulator -Path $fake -TimeoutSeconds 2 -NoConnect } |
                Should -Throw -ErrorId 'AcrGeo.EmulatorStartFailed,AcrGeo.Commands.StartAcrGeoEmulatorCommand' -ExpectedMessage '*within 2 s*still starting*'
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 20
            Get-Process -Id ([int](Get-Content -LiteralPath $marker)) -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'AcrGeo.EmulatorNotFound for a -Path that is not there' {
            { Start-AcrGeoEmulator -Path (Join-Path $TestDrive 'nowhere') -NoConnect } |
                Should -Throw -ErrorId 'AcrGeo.EmulatorNotFound,AcrGeo.Commands.StartAcrGeoEmulatorCommand'
        }

        It 'AcrGeo.EmulatorNotFound with the exact install command when no emulator is installed' {
            $saved = @{ ACRGEO_EMULATOR_PATH = $env:ACRGEO_EMULATOR_PATH; PATH = $env:PATH; HOME = $env:HOME; USERPROFILE = $env:USERPROFILE }
            try {
                $env:ACRGEO_EMULATOR_PATH = $null
                $env:PATH = Join-Path $TestDrive 'empty-bin'
                $env:HOME = $env:USERPROFILE = Join-Path $TestDrive 'empty-home'
                { Start-AcrGeoEmulator -NoConnect } |
                    Should -Throw -ErrorId 'AcrGeo.EmulatorNotFound,AcrGeo.Commands.StartAcrGeoEmulatorCommand' `
                        -ExpectedMessage '*Install it with: dotnet tool install --global AcrGeo.Emulator*'
            }
            finally {
                foreach ($name in $saved.Keys) { Set-Item -Path "Env:$name" -Value $saved[$name] }
            }
        }

        It '-WhatIf starts nothing and leaves the session as it was' {
            Disconnect-AcrGeo

            $output = @(Start-AcrGeoEmulator -WhatIf)

            $output.Count | Should -Be 0
            @(Get-AcrGeoContext).Count | Should -Be 0
        }
    }

    Context 'No secret anywhere' {
        AfterAll {
            Stop-AcrGeoEmulator
        }

        It 'shows neither the client secret nor the identity header in the object, the streams, the logs or the command line' {
            $records = @(Start-AcrGeoEmulator -PollIntervalSeconds 0.2 -Verbose -Debug *>&1)
            $started = $records | Where-Object { $_.GetType().FullName -eq 'AcrGeo.Models.AcrGeoEmulator' }
            $connection = Get-EmulatorConnection -Emulator $started
            $secrets = $connection.clientSecret, $connection.identityHeader
            $shown = @(
                $records | Out-String -Width 4096
                $started | Format-List * | Out-String -Width 4096
                $started | ConvertTo-Json -Depth 5
                Get-Content -LiteralPath $started.OutputLogPath, $started.ErrorLogPath -Raw
                (Get-Process -Id $started.ProcessId).CommandLine
                $started | Stop-AcrGeoEmulator -Verbose -Debug *>&1 | Out-String -Width 4096
            ) -join "`n"

            @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 2
            $secrets | ForEach-Object { $_.Length | Should -BeGreaterThan 15 }
            $shown | Should -BeLike "*--owner-pid $PID*"
            foreach ($secret in $secrets) { $shown.Contains($secret) | Should -BeFalse }
            $started.PSObject.Properties.Name | Should -Not -Contain 'ClientSecret'
        }
    }

    Context 'Stopping what is not an emulator, and removing the module' {
        It 'refuses a process that is not an emulator, with AcrGeo.NotAnEmulator, and stops nothing' {
            Stop-AcrGeoEmulator -ProcessId $PID -ErrorVariable refusals -ErrorAction SilentlyContinue

            $refusals.Count | Should -Be 1
            $refusals[0].FullyQualifiedErrorId | Should -Be 'AcrGeo.NotAnEmulator,AcrGeo.Commands.StopAcrGeoEmulatorCommand'
        }

        It 'stops the emulators the session started when the module is removed, -NoConnect ones too' {
            Disconnect-AcrGeo
            $started = Start-AcrGeoEmulator -NoConnect
            @(Get-AcrGeoContext).Count | Should -Be 0

            Remove-Module -Name AcrGeo -Force
            try {
                Get-EmulatorProcessId | Should -Not -Contain $started.ProcessId
                $started.DataDirectory | Should -Not -Exist
            }
            finally {
                Import-Module (Get-AcrGeoModulePath) -Force
            }
        }
    }
}
