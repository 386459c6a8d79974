// E-mail: an Email Communication Service with an Azure-managed domain (<guid>.azurecomm.net, verified by Azure,
// no DNS work), linked to a Communication Services resource whose endpoint the monitoring app calls
// (EMAIL__endpoint) with its managed identity. Access keys are disabled (disableLocalAuth).
// The sending app's role is granted in app-access.bicep ('email-sender').

@description('Communication Services resource name (globally unique).')
param communicationServiceName string

@description('Email Communication Service resource name.')
param emailServiceName string

@description('Geography where messages are stored at rest (e.g. Europe, United States).')
param dataLocation string

@description('Tags applied to every resource.')
param tags object

@description('Local part of the sender address; Azure-managed domains provide DoNotReply.')
param senderUsername string = 'DoNotReply'

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource domain 'Microsoft.Communication/emailServices/domains@2025-05-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    disableLocalAuth: true
    linkedDomains: [
      domain.id
    ]
  }
}

output name string = communicationService.name
output endpoint string = 'https://${communicationService.properties.hostName}'
output senderAddress string = '${senderUsername}@${domain.properties.mailFromSenderDomain}'
