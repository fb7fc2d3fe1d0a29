# The words of AcrGeo's help; gen.py takes the parameter facts (types, sets, positions, pipeline) from the built dll.
# Paragraphs are separated by blank lines.

COMMON_PARAMS = {
    'WhatIf': 'Shows what would happen if the cmdlet runs. The cmdlet is not run and nothing is changed.',
    'Confirm': 'Prompts you for confirmation before running the cmdlet.',
}

REGISTRY = ('The name of the registry: 5 to 50 letters and digits. Registry objects from Get-AcrRegistry, and the objects '
            'the other AcrGeo cmdlets return, bind here from the pipeline by their RegistryName property.')
RESOURCE_GROUP = ('The resource group of the registry. Optional: registry names are unique, so without it the registry is found '
                  'by name in the subscription; with it, one request reads the registry directly. Binds from the pipeline by '
                  'property name.')
REGISTRY_INPUT = ('System.String', 'You can pipe objects that have RegistryName and ResourceGroupName properties, such as the '
                  'output of Get-AcrRegistry.')
VAULT_NAME = ('The name of the key vault that holds (or is to hold) the credentials: 3 to 24 letters, digits and hyphens, '
              'starting with a letter, ending with a letter or digit, no two hyphens in a row. Vault names are unique in '
              'Azure, so the vault is found by name in the subscription. Binds from the pipeline by property name.')
ROLE = ('Which credentials: AcrPull (pull only, the default) or AcrPush (pull and push). The role decides the secret names: '
        '<registry>-pull-usr and <registry>-pull-pwd, or <registry>-push-usr and <registry>-push-pwd.')
EXPIRES_IN = ('How long the new password stays valid, from now. The default is one year; the password must expire between an '
              'hour and two years from now (AcrGeo.InvalidExpiry otherwise).')
END_DATE = 'When the new password stops working, as a date and time. It must be between an hour and two years from now.'

HELP = {}

HELP['Connect-AcrGeo'] = dict(
    synopsis='Chooses the subscription, credential and cloud that AcrGeo uses for the rest of the session.',
    description='''Connect-AcrGeo signs in and reads the subscription once, to prove that the credential and the subscription work, and then keeps the connection for every AcrGeo cmdlet in the session. Running it again replaces the connection. It returns an AcrGeoContext object that shows the subscription, tenant, identity and cloud; Get-AcrGeoContext shows the same later.

There are four ways to sign in. Without -ServicePrincipal, -Identity or -Emulator, AcrGeo uses DefaultAzureCredential, which tries environment variables, workload identity, a managed identity, and the Azure CLI's and Azure PowerShell's sign-ins in turn. -ServicePrincipal signs in with an application id and client secret. -Identity uses the managed identity of the Azure resource the script runs on (an Azure Automation account, a virtual machine, an App Service). -Emulator connects to the local AcrGeo Azure emulator, reading its base URL, certificate and throwaway service principal from the connection.json file in its data folder; the emulator's self-signed certificate is pinned, nothing else is trusted.

The subscription comes from -SubscriptionId, else from the AZURE_SUBSCRIPTION_ID environment variable (with -Emulator, from the emulator).

Connect-AcrGeo is optional where a managed identity or Azure environment variables are present: when no connection was made and AZURE_SUBSCRIPTION_ID is set, the first AcrGeo cmdlet connects with DefaultAzureCredential by itself, so an Azure Automation runbook needs no login step. When neither is there, AcrGeo cmdlets fail with the error AcrGeo.NotConnected.''',
    parameters={
        'SubscriptionId': dict(description='The subscription to work in, as a GUID. Required with -ServicePrincipal. When left out, AcrGeo uses the AZURE_SUBSCRIPTION_ID environment variable.'),
        'TenantId': dict(description='The Microsoft Entra tenant (directory) id, as a GUID. Required with -ServicePrincipal; with DefaultAzureCredential it selects the tenant to sign in to.'),
        'ServicePrincipal': dict(description='Sign in as a service principal with the application (client) id and client secret given in -Credential. Needs -TenantId and -SubscriptionId.'),
        'Credential': dict(description='The service principal to sign in as: the application (client) id as the user name and the client secret as the password, for example from Get-Credential. The secret is handed to the sign-in and never stored or shown.'),
        'Identity': dict(description='Sign in with the managed identity of the Azure resource this runs on, such as an Azure Automation account. The system-assigned identity unless -ClientId names a user-assigned one.'),
        'ClientId': dict(description='The client id of a user-assigned managed identity. Leave it out to use the system-assigned identity.'),
        'Emulator': dict(description='Connect to the local AcrGeo Azure emulator running on this machine (dotnet run --project src/AcrGeo.Emulator). The emulator must be running: it writes connection.json into its data folder when it starts and removes it when it stops.'),
        'EmulatorDataDirectory': dict(description="The emulator's data folder, where it writes connection.json (its --data-dir option). The default is the emulator's own default: the AcrGeo/emulator folder in the local application data folder, for example ~/.local/share/AcrGeo/emulator on Linux."),
        'PollIntervalSeconds': dict(description='The least time, in seconds, between two polls of a long-running operation such as a replica being created or removed; a longer Retry-After from the service wins. 0 to 300; the default is 2.', default='2'),
        'MaxParallelOperations': dict(description='How many long-running operations (for example replicas created by one New-AcrReplica) run at once. 1 to 64; the default is 10.', default='10'),
    },
    inputs=[('None', 'You cannot pipe objects to Connect-AcrGeo.')],
    outputs=[('AcrGeo.AcrGeoContext', 'The subscription (id and name), tenant, identity, cloud, Azure Resource Manager URL, poll interval and parallelism of the new connection. It never holds a secret.')],
    notes='''Errors: AcrGeo.InvalidConnection when the settings cannot work (no subscription given and none in AZURE_SUBSCRIPTION_ID, or one that is not a GUID) or when no emulator is running in the data folder; AcrGeo.AuthenticationFailed when the sign-in is refused. The error messages never contain the secret.''',
    examples=[
        ('Connect to the local emulator', '''dotnet run --project src/AcrGeo.Emulator    # in another terminal
Connect-AcrGeo -Emulator

SubscriptionId     : 3f1c5c1e-6a4b-4c1d-9d7e-0c2a1b3d4e5f
SubscriptionName   : AcrGeo Emulator
TenantId           : 9b2d6e0a-1f3c-4a5b-8c7d-2e4f6a8b0c1d
Identity           : ServicePrincipal 5a7c9e1b-3d5f-4a6b-8c0d-1e2f3a4b5c6d
Environment        : AcrGeoEmulator
ResourceManagerUrl : https://127.0.0.1:5443/''',
         '''Connects to the emulator started with its defaults. With --data-dir, give the same folder: Connect-AcrGeo -Emulator -EmulatorDataDirectory ./emulator-data. Every cmdlet then works against the emulator, so runbooks can be tested offline.'''),
        ('Sign in as a service principal', '''$credential = Get-Credential -Message 'Application (client) id and client secret'
Connect-AcrGeo -ServicePrincipal -TenantId 72f988bf-86f1-41af-91ab-2d7cd011db47 -SubscriptionId 0b1f6471-1bf0-4dda-aec3-cb9272f09590 -Credential $credential''',
         '''Signs in with an application id (typed as the user name) and its client secret (typed as the password), then reads the subscription to prove both work.'''),
        ('An Azure Automation runbook with no login step', '''# Runbook (PowerShell 7), Automation account with a managed identity that may manage the registry
$env:AZURE_SUBSCRIPTION_ID = Get-AutomationVariable -Name 'SubscriptionId'
Get-AcrReplica -Registry contoso | Where-Object Status -ne 'Ready' ''',
         '''No Connect-AcrGeo at all: with AZURE_SUBSCRIPTION_ID set, the first AcrGeo cmdlet connects with DefaultAzureCredential, which finds the Automation account's managed identity.'''),
        ('Name the managed identity explicitly', '''Connect-AcrGeo -Identity -SubscriptionId 0b1f6471-1bf0-4dda-aec3-cb9272f09590
Connect-AcrGeo -Identity -ClientId 6d9f3b2a-8c4e-4f1a-9b7d-3e5c2a1f0b9d -SubscriptionId 0b1f6471-1bf0-4dda-aec3-cb9272f09590''',
         '''The first command uses the system-assigned managed identity; the second a user-assigned identity, named by its client id.'''),
    ],
    links=['Disconnect-AcrGeo', 'Get-AcrGeoContext'],
)

HELP['Disconnect-AcrGeo'] = dict(
    synopsis='Forgets the connection made by Connect-AcrGeo.',
    description='''Disconnect-AcrGeo drops the session's connection. Later AcrGeo cmdlets connect again by themselves with DefaultAzureCredential when AZURE_SUBSCRIPTION_ID is set; otherwise they fail with AcrGeo.NotConnected until Connect-AcrGeo is run. Disconnecting when not connected does nothing. Removing the module (Remove-Module AcrGeo) disconnects too.''',
    parameters={},
    inputs=[('None', 'You cannot pipe objects to Disconnect-AcrGeo.')],
    outputs=[('None', 'Disconnect-AcrGeo returns no output.')],
    notes='''Disconnect-AcrGeo signs nothing out of Microsoft Entra ID; it only forgets the connection in this PowerShell session.''',
    examples=[
        ('End a session against the emulator', '''Connect-AcrGeo -Emulator
New-AcrReplica -Registry contoso -Location japaneast
Disconnect-AcrGeo''',
         '''Uses the emulator for a test, then forgets the connection so that nothing later in the session reaches it by mistake.'''),
        ('Switch from one subscription to another', '''Disconnect-AcrGeo
Get-AcrGeoContext          # nothing: not connected
Connect-AcrGeo -SubscriptionId 0b1f6471-1bf0-4dda-aec3-cb9272f09590''',
         '''Get-AcrGeoContext returns nothing between the two commands. Connect-AcrGeo alone would also replace the old connection.'''),
    ],
    links=['Connect-AcrGeo', 'Get-AcrGeoContext'],
)

HELP['Get-AcrGeoContext'] = dict(
    synopsis='Shows the subscription, identity and cloud AcrGeo is connected to.',
    description='''Get-AcrGeoContext returns the session's connection: the subscription, tenant, identity (service principal, managed identity or DefaultAzureCredential), cloud, Azure Resource Manager URL, poll interval and parallelism. It returns nothing when AcrGeo is not connected. It sends no request.''',
    parameters={},
    inputs=[('None', 'You cannot pipe objects to Get-AcrGeoContext.')],
    outputs=[('AcrGeo.AcrGeoContext', 'The current connection, or nothing when there is none. It never holds a secret.')],
    notes='''The subscription's name is read when Connect-AcrGeo signs in and is shown in its output; Get-AcrGeoContext sends no request and leaves SubscriptionName empty.''',
    examples=[
        ('See where AcrGeo works', '''Get-AcrGeoContext

SubscriptionId     : 0b1f6471-1bf0-4dda-aec3-cb9272f09590
SubscriptionName   :
TenantId           : 72f988bf-86f1-41af-91ab-2d7cd011db47
Identity           : ServicePrincipal 1f0e9d8c-7b6a-4a5b-9c8d-7e6f5a4b3c2d
Environment        : AzureCloud
ResourceManagerUrl : https://management.azure.com/''',
         '''Shows the connection before a script changes anything.'''),
        ('Refuse to run against the emulator by mistake', '''if ((Get-AcrGeoContext).Environment -eq 'AcrGeoEmulator') { throw 'Connected to the emulator, not to Azure.' }''',
         '''Stops a production script that finds itself connected to the local emulator.'''),
    ],
    links=['Connect-AcrGeo', 'Disconnect-AcrGeo'],
)

# Start-AcrGeoEmulator and Stop-AcrGeoEmulator: the same words as docs/en-US/Start-AcrGeoEmulator.md and
# Stop-AcrGeoEmulator.md (platyPS format), which take over from this file when the build makes help from markdown.
HELP['Start-AcrGeoEmulator'] = dict(
    synopsis='Starts the local AcrGeo Azure emulator in the background, waits until it is healthy, and connects the session to it.',
    description='''Start-AcrGeoEmulator runs the AcrGeo emulator, a local Azure (Resource Manager, Entra ID tokens, Microsoft Graph, Key Vault, Container Registry and Container Instances) on 127.0.0.1 over HTTPS, as a background process of this PowerShell session. It is made for tests: a runbook's Pester tests start one in BeforeAll and stop it in AfterAll with Stop-AcrGeoEmulator, and every AcrGeo cmdlet in between works against it with no Azure subscription and no network.

The emulator is the .NET tool AcrGeo.Emulator. Start-AcrGeoEmulator looks for it in -Path, else in the file or folder that the ACRGEO_EMULATOR_PATH environment variable names, else as acrgeo-emulator on PATH, else in ~/.dotnet/tools. Install it with: dotnet tool install --global AcrGeo.Emulator

Before it starts anything, it checks that -Port is free and that no running emulator uses -DataDirectory. It then starts the emulator on its own port (any free one by default) with its own data folder (a new temporary folder by default), and writes the emulator's standard output and error to emulator.out.log and emulator.err.log in that folder. No secret is on the emulator's command line: the emulator makes its own throwaway service principal and keeps its credential in connection.json in the data folder, readable by its owner only. The emulator is told the process id of this PowerShell: it stops by itself when this PowerShell ends, and Ctrl+C pressed in the terminal to stop another command does not stop it.

Start-AcrGeoEmulator shows a progress bar while it waits, for at most -TimeoutSeconds, until the connection file exists and the emulator's /health endpoint answers through the emulator's own certificate. Then it connects the session as Connect-AcrGeo -Emulator -EmulatorDataDirectory would (leave that out with -NoConnect) and returns an AcrGeoEmulator object: the process id, base URL and port, the data folder, state file and certificate, the subscription, tenant and client id, the managed-identity endpoint, and the log files. It never holds a secret.

Emulators started this way are stopped, and their temporary folders removed, by Stop-AcrGeoEmulator, by Remove-Module AcrGeo, and when PowerShell exits.''',
    parameters={
        'Path': dict(description='The emulator to run: the acrgeo-emulator command, a folder that holds it (such as a dotnet tool install --tool-path folder), or AcrGeo.Emulator.dll (run with the dotnet host). When left out, the ACRGEO_EMULATOR_PATH environment variable, then acrgeo-emulator on PATH, then ~/.dotnet/tools are searched. Relative paths are relative to the current location.'),
        'Port': dict(description='The port on 127.0.0.1 that the emulator listens on, 0 to 65535. The default, 0, takes any free port; the AcrGeoEmulator object tells which. A port in use is refused before anything starts, with the error AcrGeo.EmulatorPortInUse.', default='0'),
        'DataDirectory': dict(description='The folder where the emulator keeps its certificate, its connection file and its logs. It is created when missing and never removed. When left out, a new temporary folder is made, which Stop-AcrGeoEmulator removes. A folder that a running emulator uses is refused with the error AcrGeo.EmulatorDataDirectoryInUse.'),
        'StatePath': dict(description='A JSON file in which the emulator keeps every resource and its own identity across restarts, written owner-only after each change. Its folder is created when missing. When left out, the emulator keeps its state in memory, and it is gone when the emulator stops.'),
        'ProvisioningDelaySeconds': dict(description="How many seconds a new or changed resource stays Creating or Updating before it succeeds, 0 to 3600. When left out, the emulator's default of 3 seconds applies."),
        'SyncDelaySeconds': dict(description="How many seconds a new replica reports Syncing before it is Ready, and how long imported content takes to reach the other replicas, 0 to 3600. When left out, the emulator's default of 5 seconds applies."),
        'TimeoutSeconds': dict(description='How long to wait, at most, for the emulator to become healthy, 1 to 3600 seconds; the default is 60. An emulator that is not healthy by then is stopped, and the error AcrGeo.EmulatorStartFailed ends with the last lines it wrote.', default='60'),
        'PollIntervalSeconds': dict(description="The least time, in seconds, between two polls of a long-running operation on the connection made to the emulator, as Connect-AcrGeo's -PollIntervalSeconds. 0 to 300; the default is 2.", default='2'),
        'NoConnect': dict(description="Start the emulator but leave the session's connection as it is."),
    },
    inputs=[('None', 'You cannot pipe objects to Start-AcrGeoEmulator.')],
    outputs=[('AcrGeo.Models.AcrGeoEmulator', 'The started emulator: ProcessId, BaseUrl, Port, ProxyUrl, DataDirectory, DataDirectoryIsTemporary, StatePath, CertificatePath, ConnectionFile, SubscriptionId, TenantId, ClientId, IdentityEndpoint, Version, ExecutablePath, OutputLogPath, ErrorLogPath and StartTime. It never holds a secret: the client secret and the managed-identity header are in the connection file only.')],
    notes='''Errors: AcrGeo.EmulatorNotFound when no emulator is found (the message gives the install command, dotnet tool install --global AcrGeo.Emulator); AcrGeo.EmulatorPortInUse when -Port is taken, found before the start or told by the emulator's exit code 3; AcrGeo.EmulatorDataDirectoryInUse when a running emulator uses -DataDirectory; AcrGeo.EmulatorStartFailed when the emulator exits early or is not healthy within -TimeoutSeconds (the message ends with the last lines of its log, leaving out any line that could hold a credential). Nothing is left running after any of them.

GET /health on the emulator answers 200 with its status and version and needs no token; the Azure CLI and other tools can wait on it too.''',
    examples=[
        ("An emulator for a runbook's Pester tests", '''BeforeAll {
    Import-Module AcrGeo
    Start-AcrGeoEmulator -ProvisioningDelaySeconds 1 -SyncDelaySeconds 2
}
AfterAll {
    Stop-AcrGeoEmulator
}''', '''Each test file gets its own emulator on a free port with its own temporary data folder, already connected. Short provisioning and sync delays keep the tests quick while replicas still pass through Creating and Syncing.'''),
        ('Start one and look at it', '''$emulator = Start-AcrGeoEmulator
$emulator
New-AcrRegistry -Name contosoacr -ResourceGroupName contoso -Location westus -CreateResourceGroup
Stop-AcrGeoEmulator''', '''The first command starts an emulator and connects the session to it. The default table shows its process id, base URL, subscription, state file ((memory) when there is none) and data folder. The registry is created in the emulator, and Stop-AcrGeoEmulator stops the emulator and removes its temporary folder.'''),
        ('Keep everything across restarts', '''Start-AcrGeoEmulator -DataDirectory ./emulator -StatePath ./emulator/state.json -Port 5443''',
         '''The emulator keeps every resource, and its own identity, in the state file, so a registry created now is still there after Stop-AcrGeoEmulator and another Start-AcrGeoEmulator with the same state file. A folder you name is never removed.'''),
        ('Use an emulator that is not installed as a global tool', '''dotnet tool install --tool-path ./tools --add-source ./packages AcrGeo.Emulator
Start-AcrGeoEmulator -Path ./tools -NoConnect''',
         '''-Path takes the acrgeo-emulator command, a folder that holds it, or the emulator's AcrGeo.Emulator.dll. With -NoConnect the session keeps the connection it had; connect later with Connect-AcrGeo -Emulator -EmulatorDataDirectory.'''),
    ],
    links=['Stop-AcrGeoEmulator', 'Connect-AcrGeo'],
)

HELP['Stop-AcrGeoEmulator'] = dict(
    synopsis='Stops local AcrGeo emulators: those Start-AcrGeoEmulator started in this session, or the ones piped in or named by process id.',
    description='''Stop-AcrGeoEmulator stops emulators that Start-AcrGeoEmulator started. Without parameters it stops every emulator started in this PowerShell process; AcrGeoEmulator objects piped to it, or -ProcessId, choose which.

For an emulator this session started, it ends the emulator's process tree, waits until it has exited, removes its connection file, removes the data folder when Start-AcrGeoEmulator made it as a temporary folder (a folder you named, and a state file, are kept), and disconnects the session when it was connected to that emulator. An emulator that has already stopped is no error: a verbose message says so.

An emulator started elsewhere (by another PowerShell, or by running acrgeo-emulator yourself) is stopped by its process id when that process is an AcrGeo emulator; its folders are left alone. A process that is not an emulator is refused with the error AcrGeo.NotAnEmulator, and the other ids go on.''',
    parameters={
        'ProcessId': dict(description='The process ids of the emulators to stop. AcrGeoEmulator objects from Start-AcrGeoEmulator bind here from the pipeline by their ProcessId property. When left out, every emulator started in this PowerShell process is stopped.'),
    },
    inputs=[('System.Int32[]', 'You can pipe process ids, or the AcrGeoEmulator objects that Start-AcrGeoEmulator returns.')],
    outputs=[('None', 'Stop-AcrGeoEmulator returns nothing.')],
    notes='''Removing the module (Remove-Module AcrGeo) and PowerShell exiting stop the emulators the session started too, and remove their temporary folders. Should PowerShell be killed outright, each emulator still stops by itself, as it watches the PowerShell process that started it; only its temporary folder is then left behind.

Errors: AcrGeo.NotAnEmulator when a process id names a process that is not an AcrGeo emulator.''',
    examples=[
        ('Stop what the session started', '''Start-AcrGeoEmulator
Stop-AcrGeoEmulator''', '''Stops the emulator, removes its temporary data folder and disconnects the session from it, as a Pester AfterAll block does.'''),
        ('Stop one of several', '''$first = Start-AcrGeoEmulator -NoConnect
$second = Start-AcrGeoEmulator
$first | Stop-AcrGeoEmulator''', '''The AcrGeoEmulator object binds to -ProcessId by its ProcessId property. The second emulator keeps running, and the session stays connected to it.'''),
        ('See what would be stopped', '''Stop-AcrGeoEmulator -WhatIf''', '''Lists each emulator the session started, by base URL and process id, and stops none.'''),
    ],
    links=['Start-AcrGeoEmulator', 'Disconnect-AcrGeo'],
)

HELP['Get-AcrRegistry'] = dict(
    synopsis='Gets container registries: one by name, by wildcard, in a resource group, or all.',
    description='''Get-AcrRegistry returns registries of the connected subscription as AcrRegistry objects: name, resource group, location (the home region), SKU, login server, provisioning state, admin user, zone redundancy, creation date and tags.

With a name and no wildcard it returns that registry, or fails with AcrGeo.RegistryNotFound. With a wildcard, or no name, it returns every matching registry, sorted by name; no match is not an error. -ResourceGroupName limits the search to one group (AcrGeo.ResourceGroupNotFound when it does not exist).

Registry objects bind to -Registry of the other AcrGeo cmdlets, so Get-AcrRegistry | Get-AcrReplica lists the replicas of every registry.''',
    parameters={
        'Name': dict(description='The name of the registry. Wildcards are allowed (contoso*); without one, the registry must exist. Leave it out for all registries.'),
        'ResourceGroupName': dict(description='Only registries in this resource group.'),
    },
    inputs=[('System.String', 'You can pipe objects that have Name (or RegistryName) and ResourceGroupName properties.')],
    outputs=[('AcrGeo.Models.AcrRegistry', 'One object per registry.')],
    notes='''Geo-replication needs the Premium SKU; the Sku property shows it, and IsPremium says it as a Boolean.''',
    examples=[
        ('Get one registry', '''Get-AcrRegistry -Name contoso

Name    ResourceGroupName Location Sku     LoginServer        ProvisioningState
----    ----------------- -------- ---     -----------        -----------------
contoso contoso-rg        westus   Premium contoso.azurecr.io Succeeded''',
         '''Returns the registry whatever its resource group.'''),
        ('List the replicas of every Premium registry in a group', '''Get-AcrRegistry -ResourceGroupName contoso-rg | Where-Object IsPremium | Get-AcrReplica''',
         '''The registries bind to -Registry and -ResourceGroupName of Get-AcrReplica.'''),
    ],
    links=['New-AcrRegistry', 'Set-AcrRegistry', 'Get-AcrReplica'],
)

HELP['New-AcrRegistry'] = dict(
    synopsis='Creates a container registry (Premium by default, as geo-replication needs); an existing one is returned unchanged.',
    description='''New-AcrRegistry creates a registry in a resource group and region, and waits until it is provisioned. The SKU is Premium unless -Sku says otherwise, because only Premium registries can be geo-replicated. The region given in -Location becomes the registry's home region: it always holds the registry's own replica.

If a registry with that name already exists in the resource group, New-AcrRegistry returns it unchanged (none of the other parameters are applied), so a script can run again safely. Use Set-AcrRegistry to change an existing registry.

Registry names are global: the login server is <name>.azurecr.io. A name taken elsewhere fails with AcrGeo.RegistryNameNotAvailable. The region is checked first: AcrGeo.UnknownRegion or AcrGeo.RegionUnavailable when Container Registry is not offered there. A resource group that does not exist fails with AcrGeo.ResourceGroupNotFound, unless -CreateResourceGroup is given.''',
    parameters={
        'Name': dict(description='The name of the new registry: 5 to 50 letters and digits, unique in Azure.'),
        'ResourceGroupName': dict(description='The resource group to create the registry in. Binds from the pipeline by property name.'),
        'Location': dict(description='The home region of the registry, such as westus or "West US". It cannot be changed later and cannot be removed as a replica.'),
        'Sku': dict(description='Basic, Standard or Premium (the default). Geo-replication, and so New-AcrReplica, needs Premium.', default='Premium'),
        'EnableAdminUser': dict(description='Turn on the registry\'s admin user account. Off by default; a service principal with the AcrPull role (New-AcrPullPrincipal) is the better way to give pull access.'),
        'ZoneRedundant': dict(description='Make the home region\'s replica zone-redundant, where the region supports availability zones.'),
        'Tag': dict(description='Tags for the registry, as a hashtable, for example @{ team = "web"; env = "prod" }.'),
        'CreateResourceGroup': dict(description='Create the resource group in -Location first if it does not exist. A group that exists is left as it is.'),
    },
    inputs=[('System.String', 'You can pipe objects that have a ResourceGroupName property.')],
    outputs=[('AcrGeo.Models.AcrRegistry', 'The new registry, or the existing one.')],
    notes='''New-AcrRegistry shows a progress bar while the registry is provisioned. Press Ctrl+C to stop waiting; the registry goes on being created in Azure.''',
    examples=[
        ('Create a Premium registry for geo-replication', '''New-AcrRegistry -Name contoso -ResourceGroupName contoso-rg -Location westus -CreateResourceGroup''',
         '''Creates the resource group if needed, then a Premium registry whose home region is West US, ready for New-AcrReplica.'''),
        ('Create a Standard registry with tags', '''New-AcrRegistry -Name contosodev -ResourceGroupName contoso-rg -Location eastus -Sku Standard -Tag @{ env = 'dev' }''',
         '''A Standard registry cannot be replicated until it is upgraded: Set-AcrRegistry -Registry contosodev -Sku Premium, or New-AcrReplica -UpgradeSku.'''),
    ],
    links=['Get-AcrRegistry', 'Set-AcrRegistry', 'New-AcrReplica'],
)

HELP['Set-AcrRegistry'] = dict(
    synopsis="Changes a registry's SKU, admin user or tags. A downgrade below Premium is refused while replicas exist.",
    description='''Set-AcrRegistry changes an existing registry and waits until the change is done. Only the parameters you give are changed.

Geo-replicas need the Premium SKU, so a change to Basic or Standard is refused with AcrGeo.SkuDowngradeWithReplicas while the registry has replicas besides its home one; the error names them, and nothing is changed. Remove them first (Get-AcrReplica -Registry <name> | Where-Object { -not $_.IsHome } | Remove-AcrReplica), then change the SKU.''',
    parameters={
        'Registry': dict(description='The name of the registry to change: 5 to 50 letters and digits. Registry objects, and replicas and webhooks, bind here from the pipeline by their RegistryName property.'),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'Sku': dict(description='The new SKU: Basic, Standard or Premium.'),
        'AdminUserEnabled': dict(description='$true turns the admin user account on, $false turns it off. Left out, it stays as it is.'),
        'Tag': dict(description="The registry's new tags, as a hashtable. They replace the existing tags."),
    },
    inputs=[REGISTRY_INPUT],
    outputs=[('AcrGeo.Models.AcrRegistry', 'The registry after the change.')],
    notes='''Set-AcrRegistry supports -WhatIf and -Confirm. A SKU change is described as "Change SKU from <old> to <new>".''',
    examples=[
        ('Upgrade a registry to Premium before replicating it', '''Set-AcrRegistry -Registry contosodev -Sku Premium
New-AcrReplica -Registry contosodev -Location eastus''',
         '''Geo-replication is a Premium feature: each region is charged as one Premium registry.'''),
        ('A downgrade is refused while replicas exist', '''Set-AcrRegistry -Registry contoso -Sku Standard
# Error AcrGeo.SkuDowngradeWithReplicas: Registry 'contoso' has 3 replica(s) (eastus, japaneast, westeurope) ...

Get-AcrReplica -Registry contoso | Where-Object { -not $_.IsHome } | Remove-AcrReplica
Set-AcrRegistry -Registry contoso -Sku Standard''',
         '''Nothing is changed by the refused command. Once only the home replica is left, the downgrade goes through.'''),
    ],
    links=['Get-AcrRegistry', 'New-AcrRegistry', 'Remove-AcrReplica'],
)

HELP['New-AcrReplica'] = dict(
    synopsis='Geo-replicates a Premium registry to one or more regions at once; regions that already hold a replica return it.',
    description='''New-AcrReplica creates a geo-replica of a registry in every region given in -Location, all at the same time (up to the MaxParallelOperations of Connect-AcrGeo), each with its own progress bar, and waits until each is provisioned. It returns one AcrReplica per region. A replica starts with the status Syncing while the registry's content is copied to it; Wait-AcrReplica waits until it is Ready.

Everything that can be known before a change is checked first, and nothing is created when a check fails: an unknown region (AcrGeo.UnknownRegion), a region where Container Registry is not offered (AcrGeo.RegionUnavailable), the registry's home region, which always holds the registry's own replica (AcrGeo.HomeRegionReplica), and a registry below Premium (AcrGeo.PremiumSkuRequired, unless -UpgradeSku is given).

A region that already holds a replica returns that replica, with no error and no request to create it, so a script can run again safely; a replica that failed is created again. When one region fails while being created, the others go on; the failure is written as a non-terminating error naming the region.

Regions can be given by name (japaneast) or display name ("Japan East"). Get-AcrRegion lists them with their state for the registry.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'Location': dict(description='The regions to replicate to, such as japaneast, eastus, westeurope. One replica is created in each, named after the region.'),
        'ZoneRedundancy': dict(description='Make the new replicas zone-redundant, where the region supports availability zones.'),
        'RegionEndpointEnabled': dict(description='$false creates the replicas with their regional endpoint turned off, so that they take no traffic (for example during maintenance). Left out, the service default (on) applies.'),
        'Tag': dict(description='Tags for the new replicas, as a hashtable.'),
        'UpgradeSku': dict(description='Upgrade a Basic or Standard registry to Premium first, instead of failing with AcrGeo.PremiumSkuRequired. The upgrade is confirmed separately (ShouldProcess).'),
        'NoWait': dict(description='Return as soon as each create request is accepted, with the replicas still Creating. Use Wait-AcrReplica later.'),
    },
    inputs=[REGISTRY_INPUT],
    outputs=[('AcrGeo.Models.AcrReplica', 'One replica per region: the new ones and those that already existed.')],
    notes='''Each region of a geo-replicated registry is charged as one Premium registry. Images and tags are synced to the replicas with eventual consistency; configure regional webhooks (New-AcrWebhook -Location) to learn when a push has reached a region.

-WhatIf shows one "Create replica" operation per region and creates nothing.''',
    examples=[
        ('Replicate a registry to three regions at once', '''New-AcrReplica -Registry contoso -Location japaneast, eastus, westeurope

   Registry: contoso

Name       Location   ProvisioningState Status  Home
----       --------   ----------------- ------  ----
japaneast  japaneast  Succeeded         Syncing
eastus     eastus     Succeeded         Syncing
westeurope westeurope Succeeded         Syncing''',
         '''The three replicas are created in parallel. The command is the same as az acr replication create --registry contoso --location japaneast, run once per region.'''),
        ('The Contoso story: one registry for West US, East US, Canada Central and West Europe', '''New-AcrRegistry -Name contoso -ResourceGroupName contoso-rg -Location westus -CreateResourceGroup
New-AcrReplica -Registry contoso -Location eastus, canadacentral, westeurope
Wait-AcrReplica -Registry contoso''',
         '''Every cluster pulls contoso.azurecr.io/public/products/web:1.2 from the replica nearest to it, and the team pushes once.'''),
        ('Replicate a Standard registry', '''New-AcrReplica -Registry contosodev -Location eastus -UpgradeSku''',
         '''Upgrades the registry to Premium, then creates the replica. Without -UpgradeSku the command fails with AcrGeo.PremiumSkuRequired and changes nothing.'''),
        ('See what would be created', '''New-AcrReplica -Registry contoso -Location japaneast, australiaeast -WhatIf''',
         '''Checks the regions and the registry, returns the replicas that already exist, and shows what would be created, without creating anything.'''),
    ],
    links=['Get-AcrReplica', 'Wait-AcrReplica', 'Remove-AcrReplica', 'Get-AcrRegion'],
)

HELP['Get-AcrReplica'] = dict(
    synopsis="Lists a registry's replicas, the home replica included, with provisioning state and sync status.",
    description='''Get-AcrReplica returns the replicas of a registry as AcrReplica objects, the home replica first and the others by name. The default table shows the columns az acr replication list --output table shows (Name, Location, ProvisioningState, Status), and marks the home replica.

ProvisioningState is Creating, Updating, Deleting, Succeeded, Failed or Canceled. Status is Syncing while the replica catches up with the registry's content, then Ready. IsHome is $true for the replica in the registry's home region, which exists as long as the registry does.

With -Name, only those replicas (wildcards allowed); a name without wildcards that matches no replica is written as a non-terminating error, AcrGeo.ReplicaNotFound.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'Name': dict(description='Only the replicas with these names (a replica is named after its region). Wildcards are allowed.'),
    },
    inputs=[REGISTRY_INPUT],
    outputs=[('AcrGeo.Models.AcrReplica', 'One object per replica.')],
    notes='''Replica objects can be given to the -InputObject parameter of Wait-AcrReplica and Remove-AcrReplica.''',
    examples=[
        ('List the replicas as a table', '''Get-AcrReplica -Registry contoso

   Registry: contoso

Name       Location   ProvisioningState Status Home
----       --------   ----------------- ------ ----
westus     westus     Succeeded         Ready   *
eastus     eastus     Succeeded         Ready
japaneast  japaneast  Succeeded         Ready
westeurope westeurope Succeeded         Ready''',
         '''The same list az acr replication list --registry contoso --output table prints, with the home replica marked.'''),
        ('Find replicas that are not ready', '''Get-AcrRegistry | Get-AcrReplica | Where-Object { -not $_.IsReady } | Select-Object RegistryName, Name, ProvisioningState, Status, StatusMessage''',
         '''Checks every registry of the subscription.'''),
    ],
    links=['New-AcrReplica', 'Wait-AcrReplica', 'Remove-AcrReplica', 'Get-AcrRegion'],
)

HELP['Wait-AcrReplica'] = dict(
    synopsis='Waits until replicas are provisioned and in sync (Ready), or have failed, with progress and a timeout.',
    description='''Wait-AcrReplica polls a registry's replicas, one list request per round at the poll interval of Connect-AcrGeo, until every replica it waits for is Ready (provisioned and in sync) or has failed, and shows the progress. It returns the Ready replicas. A replica that failed is written as a non-terminating error, AcrGeo.ReplicaFailed, that says how to create it again.

It waits for all of the registry's replicas, only those named in -Name, or the replica objects given to -InputObject; replicas of several registries are waited for in parallel. When -TimeoutSeconds passes first, it fails with AcrGeo.WaitTimedOut, naming the replicas that are not ready yet. A named replica that does not exist fails with AcrGeo.ReplicaNotFound.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'Name': dict(description="The replicas to wait for. Left out, all of the registry's replicas."),
        'InputObject': dict(description='The replicas to wait for, as objects from Get-AcrReplica or New-AcrReplica.'),
        'TimeoutSeconds': dict(description='How long to wait at most, in seconds: 1 to 86400. The default is 1800 (30 minutes).', default='1800'),
    },
    inputs=[('AcrGeo.Models.AcrReplica', 'You can pipe replica objects, for example from New-AcrReplica or Get-AcrReplica.'), REGISTRY_INPUT],
    outputs=[('AcrGeo.Models.AcrReplica', 'The replicas, once Ready.')],
    notes='''Press Ctrl+C to stop waiting; the replicas go on being created and synced in Azure.''',
    examples=[
        ('Wait until every replica is Ready', '''New-AcrReplica -Registry contoso -Location japaneast, eastus, westeurope -NoWait
Wait-AcrReplica -Registry contoso -TimeoutSeconds 900''',
         '''Starts the three replicas without waiting, then waits (at most 15 minutes) until all four replicas, the home one included, are Ready.'''),
        ('Wait for two replicas only', '''Wait-AcrReplica -Registry contoso -Name japaneast, westeurope''',
         '''Returns the two replicas once both are Ready.'''),
    ],
    links=['New-AcrReplica', 'Get-AcrReplica'],
)

HELP['Remove-AcrReplica'] = dict(
    synopsis="Removes replicas, in parallel. The home region's replica is refused before any request.",
    description='''Remove-AcrReplica deletes replicas of a registry and waits until they are gone. Replicas of one registry are removed in parallel, and registries in parallel too, once all inputs are gathered.

The replica in the registry's home region cannot be removed: it goes only when the registry itself is deleted. It is refused before any request with a non-terminating error, AcrGeo.HomeReplicaCannotBeDeleted, and the other replicas are still removed. A replica that is already gone counts as removed, so a script can run again safely. A removal that fails is written as a non-terminating error naming the replica.

Remove-AcrReplica asks for confirmation (ConfirmImpact is High) unless -Confirm:$false is given; -WhatIf shows what would be removed.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'Name': dict(description='The names of the replicas to remove (a replica is named after its region), such as eastus.'),
        'InputObject': dict(description='The replicas to remove, as objects from Get-AcrReplica. A home replica among them is refused without any request.'),
    },
    inputs=[('AcrGeo.Models.AcrReplica', 'You can pipe replica objects to remove.'), REGISTRY_INPUT],
    outputs=[('None', 'Remove-AcrReplica returns no output.')],
    notes='''Removing a replica stops the Premium charge for its region. Regional webhooks in that region hear nothing more; remove them with Remove-AcrWebhook.''',
    examples=[
        ('Remove one replica', '''Remove-AcrReplica -Registry contoso -Name westeurope''',
         '''Asks for confirmation, then removes the West Europe replica, as az acr replication delete --registry contoso --name westeurope does.'''),
        ('Remove every replica but the home one', '''Get-AcrReplica -Registry contoso | Where-Object { -not $_.IsHome } | Remove-AcrReplica -Confirm:$false''',
         '''Removes the other replicas in parallel, without asking. Before downgrading the registry below Premium this is required.'''),
        ('The home replica is never removed', '''Remove-AcrReplica -Registry contoso -Name westus -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue
$refused[0].FullyQualifiedErrorId

AcrGeo.HomeReplicaCannotBeDeleted,AcrGeo.Commands.RemoveAcrReplicaCommand''',
         '''West US is the home region of the registry contoso: nothing is sent to Azure, and the error says the replica goes only with the registry.'''),
    ],
    links=['Get-AcrReplica', 'New-AcrReplica', 'Set-AcrRegistry'],
)

HELP['Get-AcrRegion'] = dict(
    synopsis='The replication map of a registry: every region as Home, Replica, Available or Unavailable.',
    description='''Get-AcrRegion returns every region of the subscription with its state for one registry, as the Azure portal's replication map shows it: Home for the registry's own region, Replica for regions the registry is replicated to, Available for regions a replica could be created in, and Unavailable for regions that do not offer Container Registry to this subscription. The regions come in that order, each group by name.

Each region has its name, display name, geography group, paired region, latitude and longitude, and, for Home and Replica, the replica object with its provisioning state and status. The default table shows the replica's status in the Status column.

The list of regions is read once per connection and kept.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'State': dict(description='Only regions in these states: Home, Replica, Available, Unavailable.'),
    },
    inputs=[REGISTRY_INPUT],
    outputs=[('AcrGeo.Models.AcrRegion', 'One object per region.')],
    notes='''For a registry below Premium, only the home region is Home and every other region that offers Container Registry is Available.''',
    examples=[
        ('The replication map', '''Get-AcrRegion -Registry contoso | Select-Object -First 6

Name             DisplayName       State     Status GeographyGroup
----             -----------       -----     ------ --------------
westus           West US           Home      Ready  US
eastus           East US           Replica   Ready  US
japaneast        Japan East        Replica   Ready  Asia Pacific
westeurope       West Europe       Replica   Ready  Europe
australiacentral Australia Central Available        Asia Pacific
australiaeast    Australia East    Available        Asia Pacific''',
         '''The blue hexagons of the portal's map are Home and Replica, the green ones Available, the grey ones Unavailable.'''),
        ('Replicate to every available region in Europe', '''$europe = Get-AcrRegion -Registry contoso -State Available | Where-Object GeographyGroup -eq 'Europe'
New-AcrReplica -Registry contoso -Location $europe.Name -WhatIf''',
         '''Shows which replicas would be created; run it again without -WhatIf to create them.'''),
    ],
    links=['New-AcrReplica', 'Get-AcrReplica'],
)

HELP['New-AcrWebhook'] = dict(
    synopsis='Creates or updates a registry webhook; with -Location in a replica\'s region it is a regional webhook.',
    description='''New-AcrWebhook creates a webhook that POSTs an event to -ServiceUri when one of the -Action events (push by default) happens in the registry. A webhook with the same name is updated.

In a geo-replicated registry, pushes reach each region at a different time. A regional webhook, created with -Location set to a replica's region, is told when an event lands in that region; use it to start regional deployments only once the image is there. Its IsRegional property is $true. Without -Location the webhook is in the home region. A region that holds no replica of the registry is refused before the write with AcrGeo.WebhookRegionNotReplicated, as a webhook there would hear nothing.

The service URI and the custom headers often hold a key, so they are write-only: they are sent to the service but never written to the output, the verbose stream or errors.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'Name': dict(description='The name of the webhook: 5 to 50 letters and digits.'),
        'ServiceUri': dict(description='The absolute http or https URL that events are POSTed to. It is never shown again, in any output.'),
        'Action': dict(description='The events that trigger the webhook: push (the default), delete, quarantine, chart_push, chart_delete.', default='push'),
        'Location': dict(description="The region whose events the webhook hears: the home region or a replica's region. Left out, the home region."),
        'Scope': dict(description='The repositories and tags the webhook is limited to, such as hello-world:* or hello-world:v1. Left out, every event of the registry.'),
        'Disabled': dict(description='Create the webhook turned off.'),
        'Header': dict(description='Headers sent with each event, as a hashtable, for example @{ Authorization = "Bearer <token>" }. Write-only, like the service URI.'),
        'Tag': dict(description='Tags for the webhook, as a hashtable.'),
    },
    inputs=[REGISTRY_INPUT],
    outputs=[('AcrGeo.Models.AcrWebhook', 'The webhook, without its service URI and headers.')],
    notes='''Errors before any write: AcrGeo.InvalidWebhookUri when the service URI is not an absolute http or https URL, AcrGeo.WebhookRegionNotReplicated when -Location holds no replica.''',
    examples=[
        ('A regional webhook for pushes that reach Japan East', '''New-AcrReplica -Registry contoso -Location japaneast
New-AcrWebhook -Registry contoso -Name japanpush -Location japaneast -ServiceUri 'https://deploy.contoso.com/hooks/acr?code=<key>'

   Registry: contoso

Name      Location  Regional Status  Actions Scope ProvisioningState
----      --------  -------- ------  ------- ----- -----------------
japanpush japaneast    *     enabled push          Succeeded''',
         '''The webhook is told when a pushed image has been synced to the Japan East replica, so the Japan East deployment can start from it.'''),
        ('A webhook for one repository, with an authorization header', '''New-AcrWebhook -Registry contoso -Name webpush -ServiceUri $uri -Scope 'public/products/web:*' -Action push, delete -Header @{ Authorization = "Bearer $token" }''',
         '''Only pushes and deletes of the public/products/web repository trigger it. $uri and $token are sent, never shown.'''),
    ],
    links=['Get-AcrWebhook', 'Remove-AcrWebhook', 'New-AcrReplica'],
)

HELP['Get-AcrWebhook'] = dict(
    synopsis="Lists a registry's webhooks, regional ones marked.",
    description='''Get-AcrWebhook returns the webhooks of a registry as AcrWebhook objects, sorted by name: name, location, IsRegional, status (enabled or disabled), actions, scope and provisioning state. The service URI and headers are write-only at the service and are not returned.

With -Name, only the matching webhooks (wildcards allowed); a name without wildcards that matches nothing is written as a non-terminating error, AcrGeo.WebhookNotFound.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'Name': dict(description='Only the webhook with this name. Wildcards are allowed.'),
    },
    inputs=[REGISTRY_INPUT],
    outputs=[('AcrGeo.Models.AcrWebhook', 'One object per webhook.')],
    notes='''The webhook objects bind to Remove-AcrWebhook by its -InputObject parameter.''',
    examples=[
        ('List the webhooks', '''Get-AcrWebhook -Registry contoso

   Registry: contoso

Name      Location   Regional Status  Actions      Scope                  ProvisioningState
----      --------   -------- ------  -------      -----                  -----------------
japanpush japaneast     *     enabled push                                Succeeded
webpush   westus              enabled push, delete public/products/web:*  Succeeded''',
         '''Regional webhooks are marked in the Regional column.'''),
        ('Only the regional webhooks', '''Get-AcrWebhook -Registry contoso | Where-Object IsRegional''',
         '''Returns the webhooks that listen in a replica's region.'''),
    ],
    links=['New-AcrWebhook', 'Remove-AcrWebhook'],
)

HELP['Remove-AcrWebhook'] = dict(
    synopsis='Removes registry webhooks.',
    description='''Remove-AcrWebhook deletes a webhook by name, or the webhook objects given to -InputObject. A webhook that is already gone counts as removed. It asks for confirmation (ConfirmImpact is High) unless -Confirm:$false is given.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'Name': dict(description='The name of the webhook to remove.'),
        'InputObject': dict(description='The webhooks to remove, as objects from Get-AcrWebhook.'),
    },
    inputs=[('AcrGeo.Models.AcrWebhook', 'Webhook objects from Get-AcrWebhook, given to -InputObject.'), REGISTRY_INPUT],
    outputs=[('None', 'Remove-AcrWebhook returns no output.')],
    notes='''Remove a region's webhooks when you remove its replica: they would hear nothing more.''',
    examples=[
        ('Remove a webhook', '''Remove-AcrWebhook -Registry contoso -Name japanpush -Confirm:$false''',
         '''Removes the webhook without asking.'''),
        ('Remove the regional webhooks of one region', '''Remove-AcrWebhook -InputObject (Get-AcrWebhook -Registry contoso | Where-Object Location -eq 'westeurope')''',
         '''Asks once per webhook, then removes those that listen in West Europe.'''),
    ],
    links=['Get-AcrWebhook', 'New-AcrWebhook', 'Remove-AcrReplica'],
)

HELP['New-AcrKeyVault'] = dict(
    synopsis='Creates a key vault for registry credentials, and gives you the right to manage its secrets.',
    description='''New-AcrKeyVault creates a key vault (standard SKU, soft delete on) where New-AcrPullPrincipal keeps a registry's pull credentials, as az keyvault create does. If the vault already exists in the resource group, it is returned unchanged apart from the signed-in identity's secret access described below.

New vaults govern data access with Azure RBAC, in which not even an Owner may write a secret without a data role. So, unless -SkipCallerAccess is given, New-AcrKeyVault gives the signed-in identity the Key Vault Secrets Officer role on the vault (or, with -UseAccessPolicy, an access policy with the secret permissions get, list, set, delete and recover). Assigning the role needs Owner or User Access Administrator; without it the command fails with AcrGeo.RoleAssignmentDenied.

Vault names are unique in Azure: a name in use fails with AcrGeo.VaultNameNotAvailable.''',
    parameters={
        'Name': dict(description='The name of the new vault: 3 to 24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no two hyphens in a row; unique in Azure.'),
        'ResourceGroupName': dict(description='The resource group to create the vault in. Binds from the pipeline by property name.'),
        'Location': dict(description='The region of the vault, such as westus.'),
        'UseAccessPolicy': dict(description='Govern data access with access policies instead of Azure RBAC (the default for new vaults).'),
        'SkipCallerAccess': dict(description='Do not give the signed-in identity the right to manage secrets in the vault. New-AcrPullPrincipal -GrantVaultAccess can do it later.'),
        'CreateResourceGroup': dict(description='Create the resource group in -Location first if it does not exist. A group that exists is left as it is.'),
    },
    inputs=[('System.String', 'You can pipe objects that have a ResourceGroupName property.')],
    outputs=[('AcrGeo.Models.AcrVault', "The vault: name, resource group, location, vault URI, whether it uses Azure RBAC, soft delete and provisioning state. Its VaultName property binds to -VaultName of the pull-principal cmdlets.")],
    notes='''New-AcrKeyVault supports -WhatIf and -Confirm.''',
    examples=[
        ('Create a vault for the registry credentials', '''New-AcrKeyVault -Name contoso-kv -ResourceGroupName contoso-rg -Location westus''',
         '''The same as az keyvault create -g contoso-rg -n contoso-kv, and the signed-in identity may then store secrets in it.'''),
        ('A vault with access policies, in a new resource group', '''New-AcrKeyVault -Name contoso-kv -ResourceGroupName secrets-rg -Location westus -UseAccessPolicy -CreateResourceGroup''',
         '''Creates the group, then the vault with an access policy for the signed-in identity.'''),
    ],
    links=['New-AcrPullPrincipal', 'Get-AcrPullCredential'],
)

HELP['New-AcrPullPrincipal'] = dict(
    synopsis='Creates a service principal that may pull from one registry, and stores its credentials in a key vault.',
    description='''New-AcrPullPrincipal makes least-privilege registry credentials for services such as Azure Container Instances: an application and service principal in Microsoft Entra ID named <registry>-pull (or -DisplayName), the AcrPull role (or AcrPush) on the registry and nowhere else, and a password. The application id is stored in the vault as the secret <registry>-pull-usr and the password as <registry>-pull-pwd (-push- for AcrPush). It returns an AcrPullPrincipal object, which never holds the password; Get-AcrPullCredential reads the credentials when they are needed.

Everything that can be checked is checked before the first change: the expiry, the vault, the signed-in identity's right to set and get the vault's secrets (AcrGeo.VaultAccessDenied, unless -GrantVaultAccess gives it), and its right to assign roles on the registry (AcrGeo.RoleAssignmentDenied; it needs Owner or User Access Administrator). A password is created only right before it is stored. If a later step fails, what the run created is removed again; if even that fails, the error AcrGeo.PullPrincipalIncomplete names what remains.

Running it again completes and returns the principal that the vault names (or, failing that, the one with the display name), making a new password only when the vault holds no current one.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'VaultName': dict(description=VAULT_NAME),
        'Role': dict(description='AcrPull (pull only, the default) or AcrPush (pull and push), assigned on the registry.', default='AcrPull'),
        'ExpiresIn': dict(description=EXPIRES_IN),
        'EndDate': dict(description=END_DATE),
        'DisplayName': dict(description='The display name of the application and service principal. The default is <registry>-pull, or <registry>-push for AcrPush.'),
        'GrantVaultAccess': dict(description='Give the signed-in identity the vault access it lacks (the Key Vault Secrets Officer role on an RBAC vault, or an access policy), instead of failing with AcrGeo.VaultAccessDenied.'),
    },
    inputs=[('System.String', 'You can pipe objects that have RegistryName, ResourceGroupName and VaultName properties.')],
    outputs=[('AcrGeo.Models.AcrPullPrincipal', 'The principal: registry, login server, vault and secret names, application id, display name, role, scope and when the password expires. Never the password.')],
    notes='''Renew the password before ExpiresOn with Reset-AcrPullPrincipalCredential.''',
    examples=[
        ('Pull credentials for Azure Container Instances, kept in Key Vault', '''New-AcrKeyVault -Name contoso-kv -ResourceGroupName contoso-rg -Location westus
New-AcrPullPrincipal -Registry contoso -VaultName contoso-kv

RegistryName DisplayName  AppId                                Role    VaultName  ExpiresOn
------------ -----------  -----                                ----    ---------  ---------
contoso      contoso-pull 2f4e6a8c-0b1d-4f3a-9c5e-7d9b1a3c5e7f AcrPull contoso-kv 11/22/2027 3:04:05 AM +00:00''',
         '''Does in one command what az ad sp create-for-rbac --role acrpull --scopes <registry id> and two az keyvault secret set commands do: the secrets contoso-pull-usr and contoso-pull-pwd now hold the credentials.'''),
        ('A push principal whose password expires in 90 days', '''New-AcrPullPrincipal -Registry contoso -VaultName contoso-kv -Role AcrPush -ExpiresIn (New-TimeSpan -Days 90) -GrantVaultAccess''',
         '''Stores contoso-push-usr and contoso-push-pwd, giving the signed-in identity vault access first if it lacks it.'''),
    ],
    links=['New-AcrKeyVault', 'Get-AcrPullCredential', 'Get-AcrPullPrincipal', 'Reset-AcrPullPrincipalCredential', 'Remove-AcrPullPrincipal'],
)

HELP['Get-AcrPullPrincipal'] = dict(
    synopsis='Lists the principals that may pull from a registry with their expiry, or the one whose credentials a vault holds.',
    description='''Without -VaultName, Get-AcrPullPrincipal returns every service principal that holds the AcrPull or AcrPush role on the registry itself, with the time its latest password expires, and writes a warning for each whose password has expired.

With -VaultName, it returns the principal whose credentials the vault holds for the registry and -Role, with the expiry of the stored password, or fails with AcrGeo.PullPrincipalNotFound when the vault names none.

It never returns a password.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'VaultName': dict(description='The vault whose stored credentials name the principal. Left out, every principal with a pull or push role on the registry. Binds from the pipeline by property name.'),
        'Role': dict(description=ROLE + ' Used with -VaultName. Binds from the pipeline by property name.', default='AcrPull'),
    },
    inputs=[('System.String', 'You can pipe objects that have RegistryName, ResourceGroupName, VaultName and Role properties.')],
    outputs=[('AcrGeo.Models.AcrPullPrincipal', 'One object per principal.')],
    notes='''Role assignments inherited from the resource group or subscription are not listed: only those on the registry itself.''',
    examples=[
        ('Find passwords that expire within 30 days', '''Get-AcrPullPrincipal -Registry contoso | Where-Object ExpiresOn -lt (Get-Date).AddDays(30)''',
         '''Lists the principals to renew with Reset-AcrPullPrincipalCredential.'''),
        ('The principal a vault holds the credentials of', '''Get-AcrPullPrincipal -Registry contoso -VaultName contoso-kv''',
         '''Returns the principal named by the secret contoso-pull-usr, with the expiry of the password in contoso-pull-pwd.'''),
    ],
    links=['New-AcrPullPrincipal', 'Reset-AcrPullPrincipalCredential', 'Remove-AcrPullPrincipal'],
)

HELP['Get-AcrPullCredential'] = dict(
    synopsis="Reads a registry's pull credentials from the key vault as a PSCredential.",
    description='''Get-AcrPullCredential reads the secrets <registry>-pull-usr and <registry>-pull-pwd (or -push- for AcrPush) from the vault and returns them as a PSCredential: the application id as the user name and the password as a SecureString. Use it for docker login, az container create --registry-username/--registry-password, or the image registry credentials of a container group.

When either secret is missing it fails with AcrGeo.PullCredentialNotFound, saying how to create them.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'VaultName': dict(description=VAULT_NAME),
        'Role': dict(description=ROLE + ' Binds from the pipeline by property name.', default='AcrPull'),
    },
    inputs=[('System.String', 'You can pipe objects that have RegistryName, ResourceGroupName, VaultName and Role properties, such as the output of New-AcrPullPrincipal.')],
    outputs=[('System.Management.Automation.PSCredential', 'The user name (the application id) and the password.')],
    notes='''The signed-in identity needs the right to get the vault's secrets (for example the Key Vault Secrets User role).''',
    examples=[
        ('Deploy a container instance with the stored credentials', '''$registry = Get-AcrRegistry -Name contoso
$credential = Get-AcrPullCredential -Registry contoso -VaultName contoso-kv
az container create --resource-group contoso-rg --name aci-demo --image "$($registry.LoginServer)/aci-helloworld:v1" `
    --registry-login-server $registry.LoginServer --registry-username $credential.UserName `
    --registry-password $credential.GetNetworkCredential().Password --dns-name-label "aci-demo-$(Get-Random)" --query ipAddress.fqdn''',
         '''The container group pulls the image with the principal's credentials; the command prints the fully qualified domain name of the container.'''),
        ('Sign docker in to the registry', '''$credential = Get-AcrPullCredential -Registry contoso -VaultName contoso-kv
$credential.GetNetworkCredential().Password | docker login contoso.azurecr.io --username $credential.UserName --password-stdin''',
         '''The password goes to docker through standard input, never onto a command line.'''),
    ],
    links=['New-AcrPullPrincipal', 'Get-AcrPullPrincipal'],
)

HELP['Reset-AcrPullPrincipalCredential'] = dict(
    synopsis='Gives a pull principal a new password before the old one expires: stored first, old one removed after.',
    description='''Reset-AcrPullPrincipalCredential renews the password of the principal whose credentials the vault holds for the registry. It creates a new password, proves that it signs in (waiting up to 60 seconds while Microsoft Entra ID replicates it), stores it in the vault, and only then removes the old one, so the vault never holds a password that does not work. If the new password does not sign in, it is removed again, the stored one is kept, and the command fails with AcrGeo.CredentialNotAccepted.

The signed-in identity needs the right to set and get the vault's secrets (AcrGeo.VaultAccessDenied otherwise). When the vault names no principal, it fails with AcrGeo.PullPrincipalNotFound.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'VaultName': dict(description=VAULT_NAME),
        'Role': dict(description=ROLE + ' Binds from the pipeline by property name.', default='AcrPull'),
        'ExpiresIn': dict(description=EXPIRES_IN),
        'EndDate': dict(description=END_DATE),
    },
    inputs=[('System.String', 'You can pipe objects that have RegistryName, ResourceGroupName, VaultName and Role properties, such as the output of Get-AcrPullPrincipal -VaultName.')],
    outputs=[('AcrGeo.Models.AcrPullPrincipal', 'The principal with the expiry of its new password.')],
    notes='''Services that read the credentials from the vault when they start pick up the new password then; services that copied the old one need it again.''',
    examples=[
        ('Renew the password for another year', '''Reset-AcrPullPrincipalCredential -Registry contoso -VaultName contoso-kv''',
         '''The secret contoso-pull-pwd holds the new password, valid for one year; the old password no longer works.'''),
        ('Renew every password that expires within 30 days', '''Get-AcrPullPrincipal -Registry contoso -VaultName contoso-kv |
    Where-Object ExpiresOn -lt (Get-Date).AddDays(30) |
    Reset-AcrPullPrincipalCredential -EndDate (Get-Date).AddMonths(6)''',
         '''The principal binds to -Registry, -VaultName and -Role by its properties.'''),
    ],
    links=['Get-AcrPullPrincipal', 'New-AcrPullPrincipal', 'Get-AcrPullCredential'],
)

HELP['Remove-AcrPullPrincipal'] = dict(
    synopsis='Removes a pull principal: its role assignment, service principal, application and both secrets.',
    description='''Remove-AcrPullPrincipal removes the principal whose credentials the vault holds for the registry (or, when the vault names none, the application with the default display name <registry>-pull): its role assignments on the registry, the application and its service principal, and the secrets <registry>-pull-usr and <registry>-pull-pwd (-push- for AcrPush). Whatever is already gone is skipped, so it can run again safely, for example to finish what a failed New-AcrPullPrincipal left.

It asks for confirmation (ConfirmImpact is High) unless -Confirm:$false is given.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'VaultName': dict(description=VAULT_NAME),
        'Role': dict(description=ROLE + ' Binds from the pipeline by property name.', default='AcrPull'),
    },
    inputs=[('System.String', 'You can pipe objects that have RegistryName, ResourceGroupName, VaultName and Role properties.')],
    outputs=[('None', 'Remove-AcrPullPrincipal returns no output.')],
    notes='''Services that pull with these credentials can no longer pull once the principal is removed.''',
    examples=[
        ('Remove the pull credentials of a registry', '''Remove-AcrPullPrincipal -Registry contoso -VaultName contoso-kv''',
         '''Asks for confirmation, then removes the principal contoso-pull and the secrets contoso-pull-usr and contoso-pull-pwd.'''),
        ('Remove the push principal without asking', '''Remove-AcrPullPrincipal -Registry contoso -VaultName contoso-kv -Role AcrPush -Confirm:$false''',
         '''Removes contoso-push and its two secrets.'''),
    ],
    links=['New-AcrPullPrincipal', 'Get-AcrPullPrincipal'],
)

GROUP_NAME = ('The name of the container group: 1 to 63 lowercase letters, digits and single hyphens, not starting or ending '
              'with a hyphen.')
GROUP_RESOURCE_GROUP = 'The resource group of the container group. Binds from the pipeline by property name.'

HELP['Import-AcrImage'] = dict(
    synopsis='Copies an image into a registry without Docker, from a public registry or another registry.',
    description='''Import-AcrImage copies an image into the registry with the registry's own import operation (az acr import), so no Docker, no pull and no push are needed on your machine: this is how a registry gets its first image. The source can be a public registry (mcr.microsoft.com/azuredocs/aci-helloworld:latest, docker.io/library/nginx:latest) or another registry of the subscription, which is then named by its resource id so no credentials are needed.

The image lands in the registry's home region first and reaches every replica after it syncs; Get-AcrReplica shows Syncing until then. A target tag that exists is refused unless -Force is given. Image names are checked before any request (AcrGeo.InvalidImageName).''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'Source': dict(description='The image to copy: registry/repository:tag, such as mcr.microsoft.com/azuredocs/aci-helloworld:latest or otherregistry.azurecr.io/app:1.0.'),
        'Image': dict(description='The repository:tag to create in the registry, such as aci-helloworld:v1. The default is the source repository and tag.'),
        'Force': dict(description='Overwrite the target tag if the registry already has it.'),
    },
    inputs=[REGISTRY_INPUT],
    outputs=[('AcrGeo.Models.AcrImage', 'The imported image: registry, login server, repository and tag, and its full Reference.')],
    notes='''Import-AcrImage supports -WhatIf and -Confirm.''',
    examples=[
        ('Give a registry its first image', '''Import-AcrImage -Registry contoso -Source mcr.microsoft.com/azuredocs/aci-helloworld:latest -Image aci-helloworld:v1''',
         '''The image of the source document's container instance, copied in without Docker; its Reference is contoso.azurecr.io/aci-helloworld:v1.'''),
        ('Promote an image from a staging registry', '''Import-AcrImage -Registry contosoprod -Source contosostaging.azurecr.io/web:1.4.2 -Force''',
         '''Copies web:1.4.2 from another registry of the subscription, replacing the tag if it exists.'''),
    ],
    links=['Get-AcrImage', 'New-AcrContainerInstance', 'Get-AcrReplica'],
)

HELP['Get-AcrImage'] = dict(
    synopsis='Lists the repositories and tags of a registry.',
    description='''Get-AcrImage lists the tags of every repository in the registry (or of one repository), with digests and when they were last updated, through the registry's own API as the signed-in identity (what az acr repository list and show-tags do).''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description=RESOURCE_GROUP),
        'Repository': dict(description='Only this repository, such as aci-helloworld.'),
    },
    inputs=[REGISTRY_INPUT],
    outputs=[('AcrGeo.Models.AcrImage', 'One object per tag: repository, tag, digest, when it was last updated, and its full Reference.')],
    notes='''The signed-in identity needs a role that may read the registry's content (Reader, Contributor, Owner, AcrPull).''',
    examples=[
        ('What a registry holds', '''Get-AcrImage -Registry contoso''', '''Every repository and tag, newest first within each repository.'''),
        ('The tags of one repository', '''Get-AcrImage contoso aci-helloworld | Select-Object Tag, Digest''', '''The tags of aci-helloworld and their digests.'''),
    ],
    links=['Import-AcrImage', 'New-AcrContainerInstance'],
)

HELP['New-AcrContainerInstance'] = dict(
    synopsis='Deploys a container group from the registry and returns it running, with its FQDN.',
    description='''New-AcrContainerInstance deploys an Azure Container Instances container group that runs an image from the registry, authenticated with pull credentials: given as -Credential, read from the vault named by -VaultName (the <registry>-pull-usr and <registry>-pull-pwd secrets), or taken from the object New-AcrPullPrincipal returns in the pipeline. Short image names (aci-helloworld:v1) are resolved against the registry's login server. The DNS name label defaults to the name and a random suffix, as the source document's aci-demo-$RANDOM, and the group is deployed by default in the registry replica nearest the resource group, so the image is pulled in-region.

Before anything is created it does what the container runtime will do and tells apart the causes Azure reports alike as InaccessibleImage: credentials that do not sign in (AcrGeo.RegistryCredentialRejected) or whose password has expired (AcrGeo.RegistryCredentialExpired), a principal without a pull role on the registry (AcrGeo.PullRoleMissing), an image or tag the registry does not have (AcrGeo.ImageNotFound), or one that has not yet reached the replica the group will pull from (AcrGeo.ImageNotReplicated). Each message says what to do.

It then waits until the container runs, showing progress (-NoWait returns once the deployment is accepted), and returns the group with its state, IP address and FQDN. Passwords and secure environment variables never appear in output, logs or process arguments.''',
    parameters={
        'Registry': dict(description=REGISTRY),
        'ResourceGroupName': dict(description='The resource group of the container group. A piped New-AcrPullPrincipal object brings its registry\'s resource group.'),
        'Name': dict(description=GROUP_NAME),
        'Image': dict(description='The image: repository:tag in the registry (aci-helloworld:v1), or a full reference such as contoso.azurecr.io/aci-helloworld:v1 or mcr.microsoft.com/azuredocs/aci-helloworld:latest.'),
        'Credential': dict(description='The registry user name (a service principal\'s application id) and password, for example from Get-AcrPullCredential.'),
        'VaultName': dict(description='The key vault that holds the registry\'s pull secrets <registry>-pull-usr and <registry>-pull-pwd. Binds from the pipeline by property name, so a New-AcrPullPrincipal object brings it. Leave it and -Credential out for an image that needs no credentials.'),
        'DnsNameLabel': dict(description='The DNS name label: the FQDN is <label>.<region>.azurecontainer.io, unique per region. The default is the name and a random suffix.'),
        'Port': dict(description='The ports to open, 80 by default.'),
        'Cpu': dict(description='CPU cores for the container, 0.1 to 4; 1 by default.'),
        'MemoryInGB': dict(description='Memory for the container in GB, 0.1 to 16; 1.5 by default.'),
        'EnvironmentVariable': dict(description='Environment variables as a hashtable of names and values.'),
        'SecureEnvironmentVariable': dict(description='Secret environment variables as a hashtable of names and SecureString values; Azure never returns them.'),
        'OsType': dict(description='Linux (the default) or Windows.'),
        'RestartPolicy': dict(description='Always (the default), OnFailure or Never.'),
        'Location': dict(description='The region to deploy in. The default is the registry replica nearest the resource group.'),
        'NoWait': dict(description='Return once the deployment is accepted, without waiting until the container runs.'),
    },
    inputs=[('AcrGeo.Models.AcrPullPrincipal', 'You can pipe the object New-AcrPullPrincipal or Get-AcrPullPrincipal returns: its RegistryName, ResourceGroupName and VaultName bind by property name.')],
    outputs=[('AcrGeo.Models.AcrContainerInstance', 'The container group: name, resource group, region, state, IP address, FQDN, image, OS type, restart policy and ports.')],
    notes='''New-AcrContainerInstance supports -WhatIf and -Confirm.''',
    examples=[
        ('The source document, in one pipeline', '''Import-AcrImage -Registry contoso -Source mcr.microsoft.com/azuredocs/aci-helloworld:latest -Image aci-helloworld:v1
New-AcrPullPrincipal -Registry contoso -VaultName contoso-kv |
    New-AcrContainerInstance -Name aci-demo -Image aci-helloworld:v1 |
    Select-Object -ExpandProperty Fqdn

aci-demo-3f9a1c.westus.azurecontainer.io''',
         '''A principal with AcrPull, its credentials in the vault, and a container group that pulls with them; the FQDN is what az container create --query ipAddress.fqdn prints.'''),
        ('Credentials from the vault, in a chosen region', '''New-AcrContainerInstance -Registry contoso -ResourceGroupName apps -Name web -Image web:1.4.2 -VaultName contoso-kv -Location westeurope -Port 80, 443''',
         '''Deploys in West Europe, pulling from the registry's West Europe replica; if the tag has not reached that replica yet, it fails with AcrGeo.ImageNotReplicated before anything is created.'''),
    ],
    links=['New-AcrPullPrincipal', 'Get-AcrPullCredential', 'Import-AcrImage', 'Get-AcrContainerInstance', 'Export-AcrContainerInstanceTemplate'],
)

HELP['Get-AcrContainerInstance'] = dict(
    synopsis='Gets container groups: one by name, by wildcard, in a resource group, or all.',
    description='''Get-AcrContainerInstance returns container groups with their state, IP address and FQDN.''',
    parameters={
        'ResourceGroupName': dict(description='Only container groups in this resource group.'),
        'Name': dict(description='The name of the container group; wildcards are allowed.'),
    },
    inputs=[('None', 'Get-AcrContainerInstance takes no pipeline input.')],
    outputs=[('AcrGeo.Models.AcrContainerInstance', 'The container groups.')],
    notes='''A name without wildcards and with a resource group reads that one group, and fails with AcrGeo.ContainerInstanceNotFound if it does not exist.''',
    examples=[
        ('One container group', '''Get-AcrContainerInstance -ResourceGroupName contoso-rg -Name aci-demo''', '''Its state, IP address and FQDN.'''),
        ('Every container group whose name starts with aci', '''Get-AcrContainerInstance -Name aci*''', '''All matching groups in the subscription.'''),
    ],
    links=['New-AcrContainerInstance', 'Remove-AcrContainerInstance', 'Get-AcrContainerInstanceLog'],
)

HELP['Remove-AcrContainerInstance'] = dict(
    synopsis='Deletes container groups.',
    description='''Remove-AcrContainerInstance deletes container groups given by name or piped from Get-AcrContainerInstance. A group already gone counts as deleted. It asks for confirmation (ConfirmImpact is High) unless -Confirm:$false is given.''',
    parameters={
        'ResourceGroupName': dict(description='The resource group of the container group.'),
        'Name': dict(description=GROUP_NAME),
        'InputObject': dict(description='Container groups from Get-AcrContainerInstance or New-AcrContainerInstance.'),
    },
    inputs=[('AcrGeo.Models.AcrContainerInstance', 'You can pipe container groups.')],
    outputs=[('None', 'Remove-AcrContainerInstance returns no output.')],
    notes='''Remove-AcrContainerInstance supports -WhatIf and -Confirm.''',
    examples=[
        ('Clean up the demo', '''Remove-AcrContainerInstance -ResourceGroupName contoso-rg -Name aci-demo -Confirm:$false''', '''Deletes the group without asking.'''),
        ('Delete every demo group', '''Get-AcrContainerInstance -Name aci-demo* | Remove-AcrContainerInstance''', '''Asks once per group.'''),
    ],
    links=['Get-AcrContainerInstance', 'New-AcrContainerInstance'],
)

HELP['Get-AcrContainerInstanceLog'] = dict(
    synopsis='Shows what a container wrote to its output.',
    description='''Get-AcrContainerInstanceLog returns the log of a container in a container group (az container logs).''',
    parameters={
        'ResourceGroupName': dict(description=GROUP_RESOURCE_GROUP),
        'Name': dict(description=GROUP_NAME + ' Binds from the pipeline by property name.'),
        'ContainerName': dict(description='The container in the group; the default is the container named after the group.'),
    },
    inputs=[('AcrGeo.Models.AcrContainerInstance', 'You can pipe container groups: their Name and ResourceGroupName bind by property name.')],
    outputs=[('System.String', 'The log text.')],
    notes='''The log holds only what the container wrote; secure environment variables are never in it unless the container prints them.''',
    examples=[
        ('The log of the demo container', '''Get-AcrContainerInstanceLog -ResourceGroupName contoso-rg -Name aci-demo''', '''What the container wrote, such as "listening on port 80".'''),
        ('Logs of a freshly deployed group', '''New-AcrContainerInstance -Registry contoso -ResourceGroupName contoso-rg -Name web -Image web:1 -VaultName contoso-kv | Get-AcrContainerInstanceLog''', '''Deploys, waits until running, then shows the log.'''),
    ],
    links=['Get-AcrContainerInstance'],
)

HELP['Export-AcrContainerInstanceTemplate'] = dict(
    synopsis='Writes an ARM template of a container group, and a parameters file whose registry credentials are Key Vault references.',
    description='''Export-AcrContainerInstanceTemplate writes <name>.template.json, an ARM template that deploys the container group, and <name>.parameters.json, whose registry user name and password are Key Vault references to the <registry>-pull-usr and <registry>-pull-pwd secrets: the template path of the source document, with no password in either file. Deploy them with New-AzResourceGroupDeployment or az deployment group create --parameters @<name>.parameters.json.''',
    parameters={
        'ResourceGroupName': dict(description=GROUP_RESOURCE_GROUP),
        'Name': dict(description=GROUP_NAME + ' Binds from the pipeline by property name.'),
        'VaultName': dict(description='The key vault holding the registry\'s pull secrets; the parameters file references it, and its secrets are not read.'),
        'Path': dict(description='The folder to write the two files into; the current folder by default.'),
    },
    inputs=[('AcrGeo.Models.AcrContainerInstance', 'You can pipe container groups: their Name and ResourceGroupName bind by property name.')],
    outputs=[('System.IO.FileInfo', 'The two files written.')],
    notes='''Export-AcrContainerInstanceTemplate supports -WhatIf and -Confirm. The vault must allow template deployment (enabledForTemplateDeployment) for the references to resolve at deployment time.''',
    examples=[
        ('Keep the deployment as a template', '''Export-AcrContainerInstanceTemplate -ResourceGroupName contoso-rg -Name aci-demo -VaultName contoso-kv -Path ./deploy''', '''Writes deploy/aci-demo.template.json and deploy/aci-demo.parameters.json.'''),
        ('Export a group just deployed', '''Get-AcrContainerInstance contoso-rg aci-demo | Export-AcrContainerInstanceTemplate -VaultName contoso-kv''', '''Writes the two files into the current folder.'''),
    ],
    links=['New-AcrContainerInstance', 'New-AcrPullPrincipal'],
)
