# The source document's pull-principal flow (004): a service principal with AcrPull on one registry, its credentials
# kept in Key Vault as <registry>-pull-usr and <registry>-pull-pwd, as one cmdlet; then reading, rotating and removing
# them, and proof that the password shows up in no stream, log or file. Each Context makes its own registry (and
# principal) against one vault, so any of them runs alone.

Describe 'Registry pull credentials kept in Key Vault' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        Import-Module (Get-AcrGeoModulePath) -Force
        $ProgressPreference = 'SilentlyContinue'

        $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 1 -SyncDelaySeconds 2 -PollIntervalSeconds 0.2
        # The emulator's own credential, for the tests' direct calls to its token endpoint and admin API.
        $connection = Get-EmulatorConnection -Emulator $emulator
        $resourceGroup = 'rg-acrgeo-pull'
        $vault = New-TestResourceName -Prefix 'kv-pull-'
        $null = New-AcrKeyVault -Name $vault -ResourceGroupName $resourceGroup -Location westus -CreateResourceGroup

        function New-TestRegistry {
            $name = New-TestResourceName -Prefix 'contoso'
            $null = New-AcrRegistry -Name $name -ResourceGroupName $resourceGroup -Location westus
            $name
        }

        function Get-PlainPassword {
            (Get-AcrPullCredential -Registry $registry -VaultName $vault).GetNetworkCredential().Password
        }

        function Test-PrincipalSignIn([string] $AppId, [string] $Password) {
            try {
                $null = Invoke-RestMethod -Method Post -SkipCertificateCheck `
                    -Uri "$($connection.baseUrl)/$($connection.tenantId)/oauth2/v2.0/token" `
                    -Body @{ grant_type = 'client_credentials'; client_id = $AppId; client_secret = $Password
                             scope = 'https://management.azure.com/.default' }
                $true
            }
            catch {
                $false
            }
        }
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Stop-AcrGeoEmulator
            Remove-Module -Name AcrGeo -Force
        }
    }

    Context 'Creating the principal' {
        BeforeAll {
            $registry = New-TestRegistry
        }

        It 'creates nothing with -WhatIf' {
            New-AcrPullPrincipal -Registry $registry -VaultName $vault -WhatIf
            @(Get-AcrPullPrincipal -Registry $registry).Count | Should -Be 0
        }

        It 'refuses a bad vault name before anything is sent' {
            { New-AcrPullPrincipal -Registry $registry -VaultName 'no--good' } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,AcrGeo.Commands.NewAcrPullPrincipalCommand'
        }

        It 'makes one principal with AcrPull on the registry and names its two secrets, without any password' {
            $principal = New-AcrPullPrincipal -Registry $registry -VaultName $vault

            $principal.RegistryName | Should -Be $registry
            $principal.Role | Should -Be 'AcrPull'
            $principal.UsernameSecretName | Should -Be "$registry-pull-usr"
            $principal.PasswordSecretName | Should -Be "$registry-pull-pwd"
            $principal.Scope | Should -Match "/registries/$registry$"
            $principal.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(360))
            $principal.PSObject.Properties.Name | Should -Not -Contain 'Password'
            $script:appId = $principal.AppId
        }

        It 'does not make a second principal when run again' {
            $again = New-AcrPullPrincipal -Registry $registry -VaultName $vault
            $again.AppId | Should -Be $script:appId
            @(Get-AcrPullPrincipal -Registry $registry).Count | Should -Be 1
        }
    }

    Context 'Using the credentials' {
        BeforeAll {
            $registry = New-TestRegistry
            $appId = (New-AcrPullPrincipal -Registry $registry -VaultName $vault).AppId
        }

        It 'reads them from the vault as a PSCredential whose user name is the application id' {
            $credential = Get-AcrPullCredential -Registry $registry -VaultName $vault
            $credential | Should -BeOfType ([pscredential])
            $credential.UserName | Should -Be $appId
            $credential.Password | Should -BeOfType ([securestring])
        }

        It 'takes the principal object from the pipeline' {
            (Get-AcrPullPrincipal -Registry $registry -VaultName $vault | Get-AcrPullCredential).UserName | Should -Be $appId
        }

        It 'stores a password the principal can sign in with' {
            Test-PrincipalSignIn -AppId $appId -Password (Get-PlainPassword) | Should -BeTrue
        }
    }

    Context 'Rotating the password' {
        BeforeAll {
            $registry = New-TestRegistry
            $appId = (New-AcrPullPrincipal -Registry $registry -VaultName $vault).AppId
        }

        It 'stores a new working password and retires the old one' {
            $old = Get-PlainPassword
            $rotated = Reset-AcrPullPrincipalCredential -Registry $registry -VaultName $vault -ExpiresIn ([timespan]::FromDays(90)) -Confirm:$false
            $new = Get-PlainPassword

            $rotated.AppId | Should -Be $appId
            $rotated.ExpiresOn | Should -BeLessThan ([DateTimeOffset]::UtcNow.AddDays(91))
            $new | Should -Not -Be $old
            Test-PrincipalSignIn -AppId $appId -Password $new | Should -BeTrue
            Test-PrincipalSignIn -AppId $appId -Password $old | Should -BeFalse
        }
    }

    Context 'Keeping the password secret' {
        It 'writes the password to no output, error, warning, verbose, debug or information stream, nor to any log or file' {
            $otherRegistry = New-TestResourceName -Prefix 'leak'
            $null = New-AcrRegistry -Name $otherRegistry -ResourceGroupName $resourceGroup -Location westus
            $everything = & {
                New-AcrPullPrincipal -Registry $otherRegistry -VaultName $vault -Verbose -Debug
                Get-AcrPullPrincipal -Registry $otherRegistry -Verbose -Debug
                Get-AcrPullPrincipal -Registry $otherRegistry -VaultName $vault -Verbose -Debug | Format-List * | Out-String
                Reset-AcrPullPrincipalCredential -Registry $otherRegistry -VaultName $vault -Confirm:$false -Verbose -Debug
                Get-AcrPullCredential -Registry $otherRegistry -VaultName $vault -Verbose -Debug | Format-List * | Out-String
                # A failure on the way too: the vault refuses the new password, so the rotation is undone.
                $fault = @{ method = 'PUT'; path = "/secrets/$otherRegistry-pull-pwd"; action = 'InternalError'; count = 20 } | ConvertTo-Json
                $null = Invoke-RestMethod -Method Post -SkipCertificateCheck -Uri "$($connection.baseUrl)/_emulator/faults" -ContentType 'application/json' -Body $fault
                try {
                    Reset-AcrPullPrincipalCredential -Registry $otherRegistry -VaultName $vault -Confirm:$false -Verbose -Debug
                }
                catch {
                    $_ | Format-List * -Force | Out-String -Width 4096
                    $_.Exception.ToString()
                }
                $null = Invoke-RestMethod -Method Delete -SkipCertificateCheck -Uri "$($connection.baseUrl)/_emulator/faults"
            } *>&1 | Out-String -Width 4096
            $errors = $Error | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 4096; $_.Exception.ToString() }
            $requestLog = (Invoke-WebRequest -SkipCertificateCheck -Uri "$($connection.baseUrl)/_emulator/requests").Content
            $files = Get-ChildItem -LiteralPath $emulator.DataDirectory -File -Recurse | ForEach-Object { Get-Content -LiteralPath $_.FullName -Raw }
            $password = (Get-AcrPullCredential -Registry $otherRegistry -VaultName $vault).GetNetworkCredential().Password

            $password.Length | Should -BeGreaterThan 15
            $everything | Should -Not -BeNullOrEmpty
            $everything.Contains($password) | Should -BeFalse
            ($errors -join "`n").Contains($password) | Should -BeFalse
            $requestLog.Contains($password) | Should -BeFalse
            ($files -join "`n").Contains($password) | Should -BeFalse
        }
    }

    Context 'Removing the principal' {
        BeforeAll {
            $registry = New-TestRegistry
            $appId = (New-AcrPullPrincipal -Registry $registry -VaultName $vault).AppId
        }

        It 'asks nothing with -Confirm:$false, and leaves no principal, role or secret' {
            $password = Get-PlainPassword
            Remove-AcrPullPrincipal -Registry $registry -VaultName $vault -Confirm:$false

            @(Get-AcrPullPrincipal -Registry $registry).Count | Should -Be 0
            Test-PrincipalSignIn -AppId $appId -Password $password | Should -BeFalse
            { Get-AcrPullCredential -Registry $registry -VaultName $vault } |
                Should -Throw -ErrorId 'AcrGeo.PullCredentialNotFound,AcrGeo.Commands.GetAcrPullCredentialCommand'
        }

        It 'converges when run again' {
            { Remove-AcrPullPrincipal -Registry $registry -VaultName $vault -Confirm:$false } | Should -Not -Throw
        }
    }
}
