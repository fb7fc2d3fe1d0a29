# The flows of the fault matrix: every cmdlet that changes something, as a user runs it. Dot-sourced by
# Invoke-FaultMatrix.ps1, which runs each flow once per (request, fault, once or persistent) and then once more without
# faults. Each flow says:
#   Shared   what all its runs may share, made once without faults (a vault, a registry holding an image)
#   Arrange  what one run acts on, made fresh without faults (a new registry, a principal to rotate)
#   Act      the command under test
#   Rerun    error ids a fault-free re-run may end with and still have converged (a removal finding nothing left)
#   Assert   the state after the fault-free re-run: what must exist, once; returns the problems it finds
#   Secrets  values that must appear in no output, error, warning or verbose text
# The helpers they call (New-MatrixRegistry, Get-MatrixInventory, ...) are Invoke-FaultMatrix.ps1's.

$flows = @(
    @{
        Name    = 'New-AcrRegistry'
        Arrange = { param($shared) @{ Registry = New-TestResourceName -Prefix 'mxreg'; Group = 'rg-mx-' + (Get-Random) } }
        Act     = { param($t) New-AcrRegistry -Name $t.Registry -ResourceGroupName $t.Group -Location westus -CreateResourceGroup -Tag @{ env = 'matrix' } }
        Assert  = {
            param($t, $inventory)
            $found = @($inventory.resources | Where-Object { $_.type -eq 'Microsoft.ContainerRegistry/registries' -and $_.name -eq $t.Registry })
            if ($found.Count -ne 1) { "$($found.Count) registries named $($t.Registry)" }
            elseif ($found[0].provisioningState -ne 'Succeeded') { "registry is $($found[0].provisioningState)" }
            if (-not ($inventory.resources | Where-Object { $_.type -eq 'Microsoft.Resources/resourceGroups' -and $_.name -eq $t.Group })) { "no group $($t.Group)" }
        }
    }
    @{
        Name    = 'Set-AcrRegistry'
        Arrange = { param($shared) @{ Registry = New-MatrixRegistry -Sku Basic } }
        Act     = { param($t) Set-AcrRegistry -Registry $t.Registry -Sku Premium -Tag @{ tier = 'gold' } -Confirm:$false }
        Assert  = {
            param($t)
            $registry = Get-AcrRegistry -Name $t.Registry
            if ($registry.Sku -ne 'Premium') { "the SKU is $($registry.Sku)" }
            if ($registry.Tags['tier'] -ne 'gold') { 'the tag is missing' }
        }
    }
    @{
        Name    = 'New-AcrReplica'
        Arrange = { param($shared) @{ Registry = New-MatrixRegistry } }
        Act     = { param($t) New-AcrReplica -Registry $t.Registry -Location eastus, japaneast }
        Assert  = {
            param($t)
            $replicas = @(Get-AcrReplica -Registry $t.Registry)
            $names = ($replicas.Name | Sort-Object) -join ','
            if ($names -ne 'eastus,japaneast,westus') { "the replicas are $names" }
            foreach ($replica in $replicas | Where-Object ProvisioningState -ne 'Succeeded') { "$($replica.Name) is $($replica.ProvisioningState)" }
        }
    }
    @{
        Name    = 'Remove-AcrReplica'
        Rerun   = @('AcrGeo.ReplicaNotFound')
        Arrange = {
            param($shared)
            $registry = New-MatrixRegistry
            $null = New-AcrReplica -Registry $registry -Location eastus, japaneast
            @{ Registry = $registry }
        }
        Act     = { param($t) Remove-AcrReplica -Registry $t.Registry -Name eastus, japaneast -Confirm:$false }
        Assert  = {
            param($t)
            $names = (@(Get-AcrReplica -Registry $t.Registry).Name | Sort-Object) -join ','
            if ($names -ne 'westus') { "the replicas are $names" }
        }
    }
    @{
        Name    = 'Set-AcrReplica'
        Arrange = {
            param($shared)
            $registry = New-MatrixRegistry
            $null = New-AcrReplica -Registry $registry -Location eastus
            @{ Registry = $registry }
        }
        Act     = { param($t) Set-AcrReplica -Registry $t.Registry -Name eastus -GlobalEndpointRouting Disabled -Tag @{ drained = 'yes' } -PassThru -Confirm:$false }
        Assert  = {
            param($t)
            $replica = Get-AcrReplica -Registry $t.Registry -Name eastus
            if ("$($replica.GlobalEndpointRouting)" -ne 'Disabled') { "the routing is $($replica.GlobalEndpointRouting)" }
            if ($replica.Tags['drained'] -ne 'yes') { 'the tag is missing' }
        }
    }
    @{
        Name    = 'Sync-AcrReplica'
        Arrange = {
            param($shared)
            $registry = New-MatrixRegistry
            $null = New-AcrReplica -Registry $registry -Location canadacentral
            @{ Registry = $registry }
        }
        Act     = { param($t) Sync-AcrReplica -Registry $t.Registry -Location westus, eastus, japaneast -Prune -Force -Confirm:$false }
        Assert  = {
            param($t)
            $names = (@(Get-AcrReplica -Registry $t.Registry).Name | Sort-Object) -join ','
            if ($names -ne 'eastus,japaneast,westus') { "the replicas are $names" }
        }
    }
    @{
        Name    = 'New-AcrWebhook'
        Shared  = {
            $registry = New-MatrixRegistry
            $null = New-AcrReplica -Registry $registry -Location eastus
            @{ Registry = $registry }
        }
        Arrange = { param($shared) @{ Registry = $shared.Registry; Webhook = 'hook' + (Get-Random -Minimum 100000 -Maximum 999999); Key = 'uriKey' + [guid]::NewGuid().ToString('N'); Header = 'hdr' + [guid]::NewGuid().ToString('N') } }
        Act     = {
            param($t)
            New-AcrWebhook -Registry $t.Registry -Name $t.Webhook -ServiceUri "https://ci.contoso.test/hook?code=$($t.Key)" -Location eastus `
                -Header @{ Authorization = "Bearer $($t.Header)" }
        }
        Assert  = {
            param($t)
            $found = @(Get-AcrWebhook -Registry $t.Registry | Where-Object Name -eq $t.Webhook)
            if ($found.Count -ne 1) { "$($found.Count) webhooks named $($t.Webhook)" }
            elseif ($found[0].Location -ne 'eastus') { "the webhook is in $($found[0].Location)" }
        }
        Secrets = { param($t) $t.Key, $t.Header }
    }
    @{
        Name    = 'Set-AcrWebhook'
        Shared  = { @{ Registry = New-MatrixRegistry } }
        Arrange = {
            param($shared)
            $webhook = 'hook' + (Get-Random -Minimum 100000 -Maximum 999999)
            $null = New-AcrWebhook -Registry $shared.Registry -Name $webhook -ServiceUri 'https://ci.contoso.test/hook'
            @{ Registry = $shared.Registry; Webhook = $webhook; Key = 'uriKey' + [guid]::NewGuid().ToString('N') }
        }
        Act     = { param($t) Set-AcrWebhook -Registry $t.Registry -Name $t.Webhook -ServiceUri "https://ci.contoso.test/new?code=$($t.Key)" -Status Disabled -PassThru -Confirm:$false }
        Assert  = {
            param($t)
            $webhook = Get-AcrWebhook -Registry $t.Registry -Name $t.Webhook
            if ($webhook.Status -ne 'disabled') { "the webhook is $($webhook.Status)" }
        }
        Secrets = { param($t) $t.Key }
    }
    @{
        Name    = 'Remove-AcrWebhook'
        Rerun   = @('AcrGeo.WebhookNotFound')
        Shared  = { @{ Registry = New-MatrixRegistry } }
        Arrange = {
            param($shared)
            $webhook = 'hook' + (Get-Random -Minimum 100000 -Maximum 999999)
            $null = New-AcrWebhook -Registry $shared.Registry -Name $webhook -ServiceUri 'https://ci.contoso.test/hook'
            @{ Registry = $shared.Registry; Webhook = $webhook }
        }
        Act     = { param($t) Remove-AcrWebhook -Registry $t.Registry -Name $t.Webhook -Confirm:$false }
        Assert  = {
            param($t)
            if (Get-AcrWebhook -Registry $t.Registry | Where-Object Name -eq $t.Webhook) { "webhook $($t.Webhook) is still there" }
        }
    }
    @{
        Name    = 'New-AcrKeyVault'
        Shared  = { @{ Group = New-MatrixGroup } }
        Arrange = { param($shared) @{ Group = $shared.Group; Vault = 'kv-mx-' + (Get-Random -Minimum 100000 -Maximum 999999) } }
        Act     = { param($t) New-AcrKeyVault -Name $t.Vault -ResourceGroupName $t.Group -Location westus }
        Assert  = {
            param($t, $inventory)
            $vaults = @($inventory.resources | Where-Object { $_.type -eq 'Microsoft.KeyVault/vaults' -and $_.name -eq $t.Vault })
            if ($vaults.Count -ne 1) { "$($vaults.Count) vaults named $($t.Vault)" }
            $roles = @($inventory.resources | Where-Object { $_.type -eq 'Microsoft.Authorization/roleAssignments' -and $_.id -like "*/vaults/$($t.Vault)/providers/*" })
            if ($roles.Count -ne 1) { "$($roles.Count) role assignments on the vault (one, Key Vault Secrets Officer, expected)" }
        }
    }
    @{
        Name    = 'New-AcrPullPrincipal'
        Shared  = { @{ Vault = New-MatrixVault } }
        Arrange = { param($shared) @{ Registry = New-MatrixRegistry; Vault = $shared.Vault } }
        Act     = { param($t) New-AcrPullPrincipal -Registry $t.Registry -VaultName $t.Vault }
        Assert  = { param($t, $inventory) Test-MatrixPrincipal -Registry $t.Registry -Vault $t.Vault -Inventory $inventory }
        Secrets = { param($t) Get-MatrixPassword -Registry $t.Registry -Vault $t.Vault }
    }
    @{
        Name    = 'Reset-AcrPullPrincipalCredential'
        Shared  = { @{ Vault = New-MatrixVault } }
        Arrange = {
            param($shared)
            $registry = New-MatrixRegistry
            $null = New-AcrPullPrincipal -Registry $registry -VaultName $shared.Vault
            @{ Registry = $registry; Vault = $shared.Vault; Before = Get-MatrixPassword -Registry $registry -Vault $shared.Vault }
        }
        Act     = { param($t) Reset-AcrPullPrincipalCredential -Registry $t.Registry -VaultName $t.Vault -Confirm:$false }
        Assert  = {
            param($t, $inventory)
            Test-MatrixPrincipal -Registry $t.Registry -Vault $t.Vault -Inventory $inventory
            if ((Get-MatrixPassword -Registry $t.Registry -Vault $t.Vault) -eq $t.Before) { 'the stored password did not change' }
            if (Test-MatrixSignIn -Registry $t.Registry -Password $t.Before -Vault $t.Vault) { 'the old password still signs in' }
        }
        Secrets = { param($t) (Get-MatrixPassword -Registry $t.Registry -Vault $t.Vault), $t.Before }
    }
    @{
        Name    = 'Remove-AcrPullPrincipal'
        Rerun   = @('AcrGeo.PullPrincipalNotFound')
        Shared  = { @{ Vault = New-MatrixVault } }
        Arrange = {
            param($shared)
            $registry = New-MatrixRegistry
            $null = New-AcrPullPrincipal -Registry $registry -VaultName $shared.Vault
            @{ Registry = $registry; Vault = $shared.Vault; Password = Get-MatrixPassword -Registry $registry -Vault $shared.Vault }
        }
        Act     = { param($t) Remove-AcrPullPrincipal -Registry $t.Registry -VaultName $t.Vault -Confirm:$false }
        Assert  = {
            param($t, $inventory)
            if ($inventory.applications | Where-Object displayName -eq "$($t.Registry)-pull") { 'the application is still there' }
            if ($inventory.secrets | Where-Object { $_.name -like "$($t.Registry)-pull-*" -and -not $_.deleted }) { 'a secret is still there' }
            if ($inventory.resources | Where-Object { $_.type -eq 'Microsoft.Authorization/roleAssignments' -and $_.id -like "*/registries/$($t.Registry)/providers/*" }) {
                'a role assignment on the registry is still there'
            }
        }
        Secrets = { param($t) $t.Password }
    }
    @{
        Name    = 'Import-AcrImage'
        Shared  = { @{ Registry = New-MatrixRegistry } }
        Arrange = { param($shared) @{ Registry = $shared.Registry; Tag = 'hello:r' + (Get-Random -Minimum 100000 -Maximum 999999) } }
        Act     = { param($t) Import-AcrImage -Registry $t.Registry -Source mcr.microsoft.com/hello-world:latest -Image $t.Tag }
        Assert  = {
            param($t, $inventory)
            $repository, $tag = $t.Tag -split ':'
            $images = @($inventory.images | Where-Object { $_.registry -eq $t.Registry -and $_.repository -eq $repository -and $_.tag -eq $tag })
            if ($images.Count -ne 1) { "$($images.Count) tags $($t.Tag)" }
        }
    }
    @{
        Name    = 'New-AcrContainerInstance'
        Shared  = {
            $registry = New-MatrixRegistry
            $vault = New-MatrixVault
            $null = Import-AcrImage -Registry $registry -Source mcr.microsoft.com/azuredocs/aci-helloworld:latest -Image aci-helloworld:v1
            $null = New-AcrPullPrincipal -Registry $registry -VaultName $vault
            @{ Registry = $registry; Vault = $vault; Group = (Get-AcrRegistry -Name $registry).ResourceGroupName }
        }
        Arrange = { param($shared) $shared + @{ Name = 'aci-mx-' + (Get-Random -Minimum 100000 -Maximum 999999); Value = 'envSecret' + [guid]::NewGuid().ToString('N') } }
        Act     = {
            param($t)
            New-AcrContainerInstance -Registry $t.Registry -ResourceGroupName $t.Group -Name $t.Name -Image aci-helloworld:v1 -VaultName $t.Vault `
                -Location westus -SecureEnvironmentVariable @{ TOKEN = (ConvertTo-SecureString $t.Value -AsPlainText -Force) }
        }
        Assert  = {
            param($t, $inventory, $labelAfterFault)
            $groups = @($inventory.resources | Where-Object { $_.type -eq 'Microsoft.ContainerInstance/containerGroups' -and $_.name -eq $t.Name })
            if ($groups.Count -ne 1) { "$($groups.Count) container groups named $($t.Name)"; return }
            $group = Get-AcrContainerInstance -ResourceGroupName $t.Group -Name $t.Name
            if ($group.State -ne 'Running') { "the group is $($group.State)" }
            if ($labelAfterFault -and $group.DnsNameLabel -ne $labelAfterFault) { "the DNS name label moved from $labelAfterFault to $($group.DnsNameLabel)" }
        }
        Secrets = { param($t) $t.Value, (Get-MatrixPassword -Registry $t.Registry -Vault $t.Vault) }
    }
    @{
        Name    = 'Remove-AcrContainerInstance'
        Rerun   = @('AcrGeo.ContainerInstanceNotFound')
        Shared  = {
            $registry = New-MatrixRegistry
            $vault = New-MatrixVault
            $null = Import-AcrImage -Registry $registry -Source mcr.microsoft.com/azuredocs/aci-helloworld:latest -Image aci-helloworld:v1
            $null = New-AcrPullPrincipal -Registry $registry -VaultName $vault
            @{ Registry = $registry; Vault = $vault; Group = (Get-AcrRegistry -Name $registry).ResourceGroupName }
        }
        Arrange = {
            param($shared)
            $name = 'aci-mx-' + (Get-Random -Minimum 100000 -Maximum 999999)
            $null = New-AcrContainerInstance -Registry $shared.Registry -ResourceGroupName $shared.Group -Name $name -Image aci-helloworld:v1 -VaultName $shared.Vault -Location westus
            $shared + @{ Name = $name }
        }
        Act     = { param($t) Remove-AcrContainerInstance -ResourceGroupName $t.Group -Name $t.Name -Confirm:$false }
        Assert  = {
            param($t, $inventory)
            if ($inventory.resources | Where-Object { $_.type -eq 'Microsoft.ContainerInstance/containerGroups' -and $_.name -eq $t.Name }) { "group $($t.Name) is still there" }
        }
    }
    @{
        Name    = 'New-AcrPullIdentity'
        Arrange = { param($shared) @{ Registry = New-MatrixRegistry; Name = 'id-mx-' + (Get-Random -Minimum 100000 -Maximum 999999) } }
        Act     = { param($t) New-AcrPullIdentity -Registry $t.Registry -Name $t.Name -ResourceGroupName $script:group }
        Assert  = {
            param($t, $inventory)
            $identities = @($inventory.resources | Where-Object { $_.type -eq 'Microsoft.ManagedIdentity/userAssignedIdentities' -and $_.name -eq $t.Name })
            if ($identities.Count -ne 1) { "$($identities.Count) identities named $($t.Name)" }
            $roles = @($inventory.resources | Where-Object { $_.type -eq 'Microsoft.Authorization/roleAssignments' -and $_.id -like "*/registries/$($t.Registry)/providers/*" })
            if ($roles.Count -ne 1) { "$($roles.Count) role assignments on $($t.Registry)" }
        }
    }
    @{
        Name    = 'New-AcrContainerInstance -PullIdentity'
        Shared  = {
            $registry = New-MatrixRegistry
            $null = Import-AcrImage -Registry $registry -Source mcr.microsoft.com/azuredocs/aci-helloworld:latest -Image aci-helloworld:v1
            $identity = New-AcrPullIdentity -Registry $registry -Name ('id-mx-' + (Get-Random -Minimum 100000 -Maximum 999999)) -ResourceGroupName $script:group
            @{ Registry = $registry; Identity = $identity.Id; Group = $script:group }
        }
        Arrange = { param($shared) $shared + @{ Name = 'aci-mx-' + (Get-Random -Minimum 100000 -Maximum 999999) } }
        Act     = {
            param($t)
            New-AcrContainerInstance -Registry $t.Registry -ResourceGroupName $t.Group -Name $t.Name -Image aci-helloworld:v1 -PullIdentity $t.Identity -Location westus
        }
        Assert  = {
            param($t, $inventory, $labelAfterFault)
            $groups = @($inventory.resources | Where-Object { $_.type -eq 'Microsoft.ContainerInstance/containerGroups' -and $_.name -eq $t.Name })
            if ($groups.Count -ne 1) { "$($groups.Count) container groups named $($t.Name)"; return }
            if ((Get-AcrContainerInstance -ResourceGroupName $t.Group -Name $t.Name).State -ne 'Running') { 'the group is not running' }
        }
    }
    @{
        Name    = 'Start-AcrContainerInstance'
        Shared  = { New-MatrixDeployment }
        Arrange = {
            param($shared)
            $name = New-MatrixGroupDeployment $shared
            Stop-AcrContainerInstance -ResourceGroupName $shared.Group -Name $name -Confirm:$false
            $shared + @{ Name = $name }
        }
        Act     = { param($t) Start-AcrContainerInstance -ResourceGroupName $t.Group -Name $t.Name -Confirm:$false -PassThru }
        Assert  = { param($t) if (($state = (Get-AcrContainerInstance -ResourceGroupName $t.Group -Name $t.Name).State) -ne 'Running') { "the group is $state" } }
        Secrets = { param($t) Get-MatrixPassword -Registry $t.Registry -Vault $t.Vault }
    }
    @{
        Name    = 'Stop-AcrContainerInstance'
        Shared  = { New-MatrixDeployment }
        Arrange = { param($shared) $shared + @{ Name = New-MatrixGroupDeployment $shared } }
        Act     = { param($t) Stop-AcrContainerInstance -ResourceGroupName $t.Group -Name $t.Name -Confirm:$false }
        Assert  = { param($t) if (($state = (Get-AcrContainerInstance -ResourceGroupName $t.Group -Name $t.Name).State) -ne 'Stopped') { "the group is $state" } }
    }
    @{
        Name    = 'Restart-AcrContainerInstance'
        Shared  = { New-MatrixDeployment }
        Arrange = { param($shared) $shared + @{ Name = New-MatrixGroupDeployment $shared } }
        Act     = { param($t) Restart-AcrContainerInstance -ResourceGroupName $t.Group -Name $t.Name -Confirm:$false -PassThru }
        Assert  = { param($t) if (($state = (Get-AcrContainerInstance -ResourceGroupName $t.Group -Name $t.Name).State) -ne 'Running') { "the group is $state" } }
    }
    @{
        Name    = 'Reset-AcrPullPrincipalCredential -UpdateContainerInstance'
        Arrange = {
            param($shared)
            $deployment = New-MatrixDeployment
            $name = New-MatrixGroupDeployment $deployment
            $deployment + @{ Name = $name; OldPassword = Get-MatrixPassword -Registry $deployment.Registry -Vault $deployment.Vault }
        }
        Act     = {
            param($t)
            Reset-AcrPullPrincipalCredential -Registry $t.Registry -VaultName $t.Vault -UpdateContainerInstance -TimeoutSeconds 60 -Confirm:$false
        }
        Assert  = {
            param($t, $inventory)
            $password = Get-MatrixPassword -Registry $t.Registry -Vault $t.Vault
            if (-not (Test-MatrixSignIn -Registry $t.Registry -Vault $t.Vault -Password $password)) { 'the stored password does not sign in' }
            if (Test-MatrixSignIn -Registry $t.Registry -Vault $t.Vault -Password $t.OldPassword) { 'the old password still signs in' }
            $application = @($inventory.applications | Where-Object displayName -eq "$($t.Registry)-pull")
            if ($application.Count -ne 1) { "$($application.Count) applications" }
            elseif (@($application[0].passwords).Count -ne 1) { "$(@($application[0].passwords).Count) passwords on the application" }
            if ((Get-AcrContainerInstance -ResourceGroupName $t.Group -Name $t.Name).State -ne 'Running') { 'the group is not running' }
        }
        Secrets = { param($t) $t.OldPassword, (Get-MatrixPassword -Registry $t.Registry -Vault $t.Vault) }
    }
)
