# Interruption: Ctrl+C (PowerShell.Stop() on a [powershell] running the cmdlet in a runspace of its own) during each long
# operation stops within 2 s, says what it left in progress, and running the command again converges. Then kill -9 of the
# emulator (started with a state file) in the middle of a flow: after a restart on the same state file the re-run
# converges, and nothing the emulator held is lost. Run by 'build.ps1 Reliability' (it takes minutes, not seconds).

Describe 'Interrupted commands' {
    BeforeAll {
        . (Join-Path $PSScriptRoot '../Pester/Common.ps1')
        $modulePath = Get-AcrGeoModulePath
        Import-Module $modulePath -Force
        $ProgressPreference = 'SilentlyContinue'
        # Long enough operations to stop in the middle of, short enough to wait for the rest.
        $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 3 -SyncDelaySeconds 3 -RetryAfterSeconds 0
        $connect = { $null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $emulator.DataDirectory -PollIntervalSeconds 0.2 -MaxRetries 2 -RetryDelaySeconds 0.1 }
        & $connect
        $group = 'rg-stop'
        $vault = 'kv-stop-' + (Get-Random -Minimum 100000 -Maximum 999999)
        $null = New-AcrKeyVault -Name $vault -ResourceGroupName $group -Location westus -CreateResourceGroup

        function New-StopRegistry {
            $name = New-TestResourceName -Prefix 'stop'
            $null = New-AcrRegistry -Name $name -ResourceGroupName $group -Location westus
            $name
        }

        function Stop-WhileSending {
            <#
            .SYNOPSIS
                Runs a command in a runspace of its own, stops it once the emulator has seen the given request, and returns how
                long the stop took and what the command wrote.
            #>
            param([string] $Command, [string] $Method, [string] $Path, [hashtable] $Delay)
            $held = if ($Delay) { Invoke-EmulatorAdmin -Emulator $emulator -Path faults -Method Post -Body ($Delay + @{ action = 'Delay'; count = 1; delaySeconds = 15 }) }
            $null = Invoke-EmulatorAdmin -Emulator $emulator -Path requests -Method Delete
            $runspace = [runspacefactory]::CreateRunspace()
            $runspace.Open()
            $shell = [powershell]::Create()
            $shell.Runspace = $runspace
            $null = $shell.AddScript("Import-Module '$modulePath'; `$ProgressPreference = 'SilentlyContinue'; $Command")
            $running = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            # The emulator logs a request once it is answered; a held one is known as sent once its Delay rule is spent.
            $sent = if ($held) {
                { -not ((Invoke-EmulatorAdmin -Emulator $emulator -Path faults) | ForEach-Object { $_ } | Where-Object id -EQ $held.id) }
            }
            else {
                { (Invoke-EmulatorAdmin -Emulator $emulator -Path requests) | ForEach-Object { $_ } | Where-Object { $_.method -eq $Method -and $_.path -like $Path } }
            }
            while (-not (& $sent)) {
                if ([DateTime]::UtcNow -gt $deadline -or $running.IsCompleted) {
                    throw "The command never sent $Method $Path (state $($shell.InvocationStateInfo.State); errors: $($shell.Streams.Error -join '; '))"
                }
                Start-Sleep -Milliseconds 50
            }
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $watch.Stop()
            $null = Invoke-EmulatorAdmin -Emulator $emulator -Path faults -Method Delete
            $result = [pscustomobject]@{
                StopSeconds = $watch.Elapsed.TotalSeconds
                State       = "$($shell.InvocationStateInfo.State)"
                Warnings    = @($shell.Streams.Warning | ForEach-Object { $_.Message }) -join "`n"
                Errors      = @($shell.Streams.Error)
            }
            $shell.Dispose()
            $runspace.Dispose()
            $result
        }
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Stop-AcrGeoEmulator -ErrorAction SilentlyContinue
            Remove-Module -Name AcrGeo -Force
        }
    }

    BeforeEach {
        & $connect
    }

    It 'New-AcrRegistry stops within 2 s, names the registry left in progress, and a re-run returns it' {
        $name = New-TestResourceName -Prefix 'stop'
        $stop = Stop-WhileSending -Command "New-AcrRegistry -Name $name -ResourceGroupName $group -Location westus" -Method PUT -Path "*/registries/$name"

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.State | Should -Be 'Stopped'
        $stop.Warnings | Should -Match "registry '$name'"
        (New-AcrRegistry -Name $name -ResourceGroupName $group -Location westus).ProvisioningState | Should -Be 'Succeeded'
        @(Get-AcrRegistry -Name $name).Count | Should -Be 1
    }

    It 'New-AcrReplica stops within 2 s, names each replica left in progress, and a re-run converges with no duplicate' {
        $registry = New-StopRegistry
        $stop = Stop-WhileSending -Command "New-AcrReplica -Registry $registry -Location eastus, japaneast" -Method PUT -Path '*/replications/*'

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.Warnings | Should -Match 'Left in progress'
        $stop.Warnings | Should -Match 'replica (eastus|japaneast)'
        @(New-AcrReplica -Registry $registry -Location eastus, japaneast).Count | Should -Be 2
        (@(Get-AcrReplica -Registry $registry).Name | Sort-Object) -join ',' | Should -Be 'eastus,japaneast,westus'
    }

    It 'Remove-AcrReplica stops within 2 s, names the removal left in progress, and a re-run leaves only the home replica' {
        $registry = New-StopRegistry
        $null = New-AcrReplica -Registry $registry -Location eastus
        $stop = Stop-WhileSending -Command "Remove-AcrReplica -Registry $registry -Name eastus -Confirm:`$false" -Method DELETE -Path '*/replications/eastus'

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.Warnings | Should -Match 'removal of replica eastus'
        # The delete goes on at Azure: the re-run removes what is left, or finds it gone already.
        Remove-AcrReplica -Registry $registry -Name eastus -Confirm:$false -ErrorVariable rerun -ErrorAction SilentlyContinue
        @($rerun | Where-Object { $_.FullyQualifiedErrorId -notlike 'AcrGeo.ReplicaNotFound,*' }).Count | Should -Be 0
        Start-Sleep -Seconds 3.5
        (@(Get-AcrReplica -Registry $registry).Name) -join ',' | Should -Be 'westus'
    }

    It 'Wait-AcrReplica stops within 2 s and a re-run waits until Ready' {
        $registry = New-StopRegistry
        $null = New-AcrReplica -Registry $registry -Location eastus -NoWait
        $stop = Stop-WhileSending -Command "Wait-AcrReplica -Registry $registry -TimeoutSeconds 60" -Method GET -Path '*/replications'

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.State | Should -Be 'Stopped'
        @(Wait-AcrReplica -Registry $registry -TimeoutSeconds 60 | Where-Object Status -ne 'Ready').Count | Should -Be 0
    }

    It 'Sync-AcrReplica stops within 2 s, names each replica left in progress, and a re-run converges to the desired regions' {
        $registry = New-StopRegistry
        $stop = Stop-WhileSending -Command "Sync-AcrReplica -Registry $registry -Location westus, eastus, japaneast -Confirm:`$false" -Method PUT -Path '*/replications/*'

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.State | Should -Be 'Stopped'
        $stop.Warnings | Should -Match 'Left in progress'
        $stop.Warnings | Should -Match 'replica (eastus|japaneast)'
        $null = Sync-AcrReplica -Registry $registry -Location westus, eastus, japaneast -Confirm:$false
        (@(Get-AcrReplica -Registry $registry).Name | Sort-Object) -join ',' | Should -Be 'eastus,japaneast,westus'
        @(Sync-AcrReplica -Registry $registry -Location westus, eastus, japaneast -WhatIf | Where-Object Action -ne 'Keep').Count | Should -Be 0
    }

    It 'Set-AcrReplica stops within 2 s, names the update left in progress, and a re-run drains the region' {
        $registry = New-StopRegistry
        $null = New-AcrReplica -Registry $registry -Location eastus
        $stop = Stop-WhileSending -Command "Set-AcrReplica -Registry $registry -Name eastus -GlobalEndpointRouting Disabled -Confirm:`$false" -Method PATCH `
            -Path '*/replications/eastus' -Delay @{ method = 'PATCH'; path = '*/replications/eastus' }

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.Warnings | Should -Match 'update of replica eastus'
        $null = Set-AcrReplica -Registry $registry -Name eastus -GlobalEndpointRouting Disabled -Confirm:$false
        "$((Get-AcrReplica -Registry $registry -Name eastus).GlobalEndpointRouting)" | Should -Be 'Disabled'
    }

    It 'Wait-AcrImage stops within 2 s and a re-run finds the image in every region' {
        $registry = New-StopRegistry
        $null = New-AcrReplica -Registry $registry -Location eastus
        $null = Import-AcrImage -Registry $registry -Source mcr.microsoft.com/hello-world:latest -Image hello:v1
        $stop = Stop-WhileSending -Command "Wait-AcrImage -Registry $registry -Image hello:v1 -TimeoutSeconds 60" -Method HEAD -Path '/v2/hello/manifests/*' `
            -Delay @{ method = 'HEAD'; path = '/v2/hello/manifests/*' }

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.State | Should -Be 'Stopped'
        @(Wait-AcrImage -Registry $registry -Image hello:v1 -TimeoutSeconds 60 | Where-Object { -not $_.InSync }).Count | Should -Be 0
    }

    It 'Import-AcrImage stops within 2 s, names the import left in progress, and a re-run finds the same image' {
        $registry = New-StopRegistry
        $stop = Stop-WhileSending -Command "Import-AcrImage -Registry $registry -Source mcr.microsoft.com/hello-world:latest -Image hello:v1" -Method POST -Path '*/importImage'

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.Warnings | Should -Match 'import of mcr.microsoft.com/hello-world:latest'
        Start-Sleep -Seconds 3.5
        (Import-AcrImage -Registry $registry -Source mcr.microsoft.com/hello-world:latest -Image hello:v1).Tag | Should -Be 'v1'
        @(Get-AcrImage -Registry $registry).Count | Should -Be 1
    }

    It 'New-AcrPullPrincipal stops within 2 s, rolls back on a fresh token and says what it removed; a re-run makes one principal' {
        $registry = New-StopRegistry
        $stop = Stop-WhileSending -Command "New-AcrPullPrincipal -Registry $registry -VaultName $vault" -Method PUT -Path '*/roleAssignments/*' `
            -Delay @{ method = 'PUT'; path = "*/registries/$registry/providers/Microsoft.Authorization/roleAssignments/*" }

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.Warnings | Should -Match 'removed again'
        $inventory = Invoke-EmulatorAdmin -Emulator $emulator -Path inventory
        @($inventory.applications | Where-Object displayName -eq "$registry-pull").Count | Should -Be 0
        $principal = New-AcrPullPrincipal -Registry $registry -VaultName $vault
        $principal.Role | Should -Be 'AcrPull'
        @((Invoke-EmulatorAdmin -Emulator $emulator -Path inventory).applications | Where-Object displayName -eq "$registry-pull").Count | Should -Be 1
    }

    It 'Reset-AcrPullPrincipalCredential stops within 2 s, removes the unstored password and keeps the stored one working' {
        $registry = New-StopRegistry
        $before = New-AcrPullPrincipal -Registry $registry -VaultName $vault
        $stop = Stop-WhileSending -Command "Reset-AcrPullPrincipalCredential -Registry $registry -VaultName $vault -Confirm:`$false" -Method PUT `
            -Path "/secrets/$registry-pull-pwd" -Delay @{ method = 'PUT'; path = "/secrets/$registry-pull-pwd" }

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.Warnings | Should -Match 'new password \(key id [0-9a-f-]+\) was removed again'
        $application = (Invoke-EmulatorAdmin -Emulator $emulator -Path inventory).applications | Where-Object appId -eq $before.AppId
        @($application.passwords) | Should -Be @($before.CredentialKeyId)
        $after = Reset-AcrPullPrincipalCredential -Registry $registry -VaultName $vault -Confirm:$false
        $after.CredentialKeyId | Should -Not -Be $before.CredentialKeyId
        @(((Invoke-EmulatorAdmin -Emulator $emulator -Path inventory).applications | Where-Object appId -eq $before.AppId).passwords).Count | Should -Be 1
    }

    It 'New-AcrContainerInstance stops within 2 s, names the group left in progress, and a re-run keeps its DNS name label' {
        $registry = New-StopRegistry
        $null = Import-AcrImage -Registry $registry -Source mcr.microsoft.com/azuredocs/aci-helloworld:latest -Image aci-helloworld:v1
        $null = New-AcrPullPrincipal -Registry $registry -VaultName $vault
        $stop = Stop-WhileSending -Method PUT -Path '*/containerGroups/aci-stop' `
            -Command "New-AcrContainerInstance -Registry $registry -ResourceGroupName $group -Name aci-stop -Image aci-helloworld:v1 -VaultName $vault -Location westus"

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.Warnings | Should -Match "container group 'aci-stop'"
        $label = (Get-AcrContainerInstance -ResourceGroupName $group -Name aci-stop).DnsNameLabel
        $group1 = New-AcrContainerInstance -Registry $registry -ResourceGroupName $group -Name aci-stop -Image aci-helloworld:v1 -VaultName $vault -Location westus
        $group1.State | Should -Be 'Running'
        $group1.DnsNameLabel | Should -Be $label
    }

    It 'Restart-AcrContainerInstance stops within 2 s, names the restart left in progress, and a re-run brings the group back' {
        $registry = New-StopRegistry
        $null = Import-AcrImage -Registry $registry -Source mcr.microsoft.com/azuredocs/aci-helloworld:latest -Image aci-helloworld:v1
        $null = New-AcrPullPrincipal -Registry $registry -VaultName $vault
        $null = New-AcrContainerInstance -Registry $registry -ResourceGroupName $group -Name aci-restart -Image aci-helloworld:v1 -VaultName $vault -Location westus
        $stop = Stop-WhileSending -Command "Restart-AcrContainerInstance -ResourceGroupName $group -Name aci-restart -Confirm:`$false" -Method POST `
            -Path '*/containerGroups/aci-restart/restart' -Delay @{ method = 'POST'; path = '*/containerGroups/aci-restart/restart' }

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.Warnings | Should -Match "restart of container group 'aci-restart'"
        (Restart-AcrContainerInstance -ResourceGroupName $group -Name aci-restart -Confirm:$false -PassThru).State | Should -Be 'Running'
    }

    It 'Reset-AcrPullPrincipalCredential -UpdateContainerInstance stops within 2 s, names the redeployment, and a re-run leaves one working password' {
        $registry = New-StopRegistry
        $null = Import-AcrImage -Registry $registry -Source mcr.microsoft.com/azuredocs/aci-helloworld:latest -Image aci-helloworld:v1
        $before = New-AcrPullPrincipal -Registry $registry -VaultName $vault
        $null = New-AcrContainerInstance -Registry $registry -ResourceGroupName $group -Name aci-rotate -Image aci-helloworld:v1 -VaultName $vault -Location westus
        $stop = Stop-WhileSending -Command "Reset-AcrPullPrincipalCredential -Registry $registry -VaultName $vault -UpdateContainerInstance -Confirm:`$false" `
            -Method PUT -Path '*/containerGroups/aci-rotate' -Delay @{ method = 'PUT'; path = '*/containerGroups/aci-rotate' }

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.Warnings | Should -Match "redeployment of container group '[^']*aci-rotate'"
        $rotation = Reset-AcrPullPrincipalCredential -Registry $registry -VaultName $vault -UpdateContainerInstance -Confirm:$false
        $rotation.PreviousCredentialRemoved | Should -BeTrue
        (Get-AcrContainerInstance -ResourceGroupName $group -Name aci-rotate).State | Should -Be 'Running'
        @(((Invoke-EmulatorAdmin -Emulator $emulator -Path inventory).applications | Where-Object appId -eq $before.AppId).passwords).Count | Should -Be 1
    }

    It 'New-AcrKeyVault stops within 2 s, names what it left, and a re-run gives the caller one role on the vault' {
        $name = 'kv-stop-' + (Get-Random -Minimum 100000 -Maximum 999999)
        $stop = Stop-WhileSending -Command "New-AcrKeyVault -Name $name -ResourceGroupName $group -Location westus" -Method PUT -Path '*/roleAssignments/*' `
            -Delay @{ method = 'PUT'; path = "*/vaults/$name/providers/Microsoft.Authorization/roleAssignments/*" }

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.Warnings | Should -Match "key vault '$name'"
        $null = New-AcrKeyVault -Name $name -ResourceGroupName $group -Location westus
        @((Invoke-EmulatorAdmin -Emulator $emulator -Path inventory).resources |
            Where-Object { $_.type -eq 'Microsoft.Authorization/roleAssignments' -and $_.id -like "*/vaults/$name/providers/*" }).Count | Should -Be 1
    }

    It 'New-AcrWebhook stops within 2 s, names the webhook, and a re-run makes one' {
        $registry = New-StopRegistry
        $stop = Stop-WhileSending -Command "New-AcrWebhook -Registry $registry -Name stophook -ServiceUri https://ci.contoso.test/h" -Method PUT -Path '*/webhooks/stophook' `
            -Delay @{ method = 'PUT'; path = '*/webhooks/stophook' }

        $stop.StopSeconds | Should -BeLessThan 2
        $stop.Warnings | Should -Match "webhook 'stophook'"
        $null = New-AcrWebhook -Registry $registry -Name stophook -ServiceUri https://ci.contoso.test/h
        @(Get-AcrWebhook -Registry $registry).Count | Should -Be 1
    }

    It 'Remove-AcrContainerInstance and Remove-AcrPullPrincipal stop within 2 s, and a re-run finishes the removal' {
        $registry = New-StopRegistry
        $null = New-AcrPullPrincipal -Registry $registry -VaultName $vault
        $stop = Stop-WhileSending -Command "Remove-AcrPullPrincipal -Registry $registry -VaultName $vault -Confirm:`$false" -Method DELETE -Path '/v1.0/applications/*' `
            -Delay @{ method = 'DELETE'; path = '/v1.0/applications/*' }
        $stop.StopSeconds | Should -BeLessThan 2
        $stop.Warnings | Should -Match 'Left in progress'
        Remove-AcrPullPrincipal -Registry $registry -VaultName $vault -Confirm:$false
        @((Invoke-EmulatorAdmin -Emulator $emulator -Path inventory).applications | Where-Object displayName -eq "$registry-pull").Count | Should -Be 0
    }

    Context 'kill -9 of the emulator in the middle of a flow' {
        BeforeAll {
            $stateDirectory = Join-Path ([IO.Path]::GetTempPath()) ('acrgeo-kill-' + [guid]::NewGuid().ToString('N'))
            $statePath = Join-Path $stateDirectory 'state.json'
            $killable = @{ Current = Start-AcrGeoEmulator -ProvisioningDelaySeconds 3 -SyncDelaySeconds 1 -RetryAfterSeconds 0 -DataDirectory $stateDirectory -StatePath $statePath -NoConnect }
        }

        AfterAll {
            Remove-Item -LiteralPath $stateDirectory -Recurse -Force -ErrorAction SilentlyContinue
        }

        It 'loses nothing it held, and the re-run after a restart on the same state file converges' {
            $null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $stateDirectory -PollIntervalSeconds 0.2 -MaxRetries 1 -RetryDelaySeconds 0.1
            $registry = New-TestResourceName -Prefix 'kill'
            $null = New-AcrRegistry -Name $registry -ResourceGroupName rg-kill -Location westus -CreateResourceGroup
            $killVault = 'kv-kill-' + (Get-Random -Minimum 100000 -Maximum 999999)
            $null = New-AcrKeyVault -Name $killVault -ResourceGroupName rg-kill -Location westus
            $principal = New-AcrPullPrincipal -Registry $registry -VaultName $killVault
            $held = Invoke-EmulatorAdmin -Emulator $killable.Current -Path inventory

            # The replicas are on their way (Creating) when the emulator dies without a word.
            $runspace = [runspacefactory]::CreateRunspace(); $runspace.Open()
            $shell = [powershell]::Create(); $shell.Runspace = $runspace
            $null = $shell.AddScript("Import-Module '$modulePath'; `$ProgressPreference = 'SilentlyContinue'; New-AcrReplica -Registry $registry -Location eastus, japaneast")
            $running = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not ((Invoke-EmulatorAdmin -Emulator $killable.Current -Path requests) | ForEach-Object { $_ } | Where-Object { $_.method -eq 'PUT' -and $_.path -like '*/replications/*' })) {
                if ([DateTime]::UtcNow -gt $deadline) { throw 'New-AcrReplica never sent its PUTs' }
                Start-Sleep -Milliseconds 50
            }
            # kill -9: no chance to save or clean up, as a crash or a power cut leaves it.
            $process = Get-Process -Id $killable.Current.ProcessId
            $process.Kill()
            $null = $process.WaitForExit(10000)
            $null = $running.AsyncWaitHandle.WaitOne(30000)
            $errors = @($shell.Streams.Error)
            $shell.Dispose(); $runspace.Dispose()
            # The command that lost its service ends in a specific error, never a raw exception.
            $errors.Count | Should -BeGreaterThan 0
            @($errors | Where-Object { $_.FullyQualifiedErrorId -notlike 'AcrGeo.*' -or $_.Exception.GetType().FullName -ne 'AcrGeo.AcrGeoException' }).Count | Should -Be 0

            $killable.Current = Start-AcrGeoEmulator -ProvisioningDelaySeconds 3 -SyncDelaySeconds 1 -RetryAfterSeconds 0 -DataDirectory $stateDirectory -StatePath $statePath -NoConnect
            $null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $stateDirectory -PollIntervalSeconds 0.2 -MaxRetries 1 -RetryDelaySeconds 0.1
            $restored = Invoke-EmulatorAdmin -Emulator $killable.Current -Path inventory
            foreach ($resource in $held.resources) { $restored.resources.id | Should -Contain $resource.id }
            foreach ($secret in $held.secrets) { @($restored.secrets | Where-Object { $_.vault -eq $secret.vault -and $_.name -eq $secret.name }).Count | Should -Be 1 }
            $restored.applications.appId | Should -Contain $principal.AppId

            @(New-AcrReplica -Registry $registry -Location eastus, japaneast).Count | Should -Be 2
            (@(Get-AcrReplica -Registry $registry).Name | Sort-Object) -join ',' | Should -Be 'eastus,japaneast,westus'
            (Get-AcrPullCredential -Registry $registry -VaultName $killVault).UserName | Should -Be $principal.AppId
            Stop-AcrGeoEmulator -ProcessId $killable.Current.ProcessId
        }
    }
}
