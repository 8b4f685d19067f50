package org.mailwire.activesync.internal;

/**
 * The ActiveSync WBXML code pages 0 to 25 of [MS-ASWBXML] section 2.1.2.1, as data.
 *
 * <p>Each page is a block of lines. The first line is {@code page N Namespace [aka Alias...]};
 * every other line is {@code TT Name Versions [aka Alias...]} where {@code TT} is the token in hex
 * and {@code Versions} is {@code *} (every protocol version), one version ({@code 2.5}), a version
 * and everything after it ({@code 12.1+}) or a closed range ({@code 2.5-14.1}). When two lines
 * share a token, the first name is the one a decoder reports.
 *
 * <p>Aliases are names other tools use for the same tag, accepted when looking a tag up by name:
 * the names libwbxml 0.11 writes ({@code Recurrence_Type}, {@code AttOId}, {@code Gal:}, ...) and
 * the element names [MS-ASCMD] uses where they differ from the code page table.
 */
public final class CodePageTable {
  private CodePageTable() {}

  /** The table text; parsed once by {@code CodePages}. */
  public static final String TABLE =
      """
      page 0 AirSync
      05 Sync *
      06 Responses *
      07 Add *
      08 Change *
      09 Delete *
      0A Fetch *
      0B SyncKey *
      0C ClientId *
      0D ServerId *
      0E Status *
      0F Collection *
      10 Class *
      12 CollectionId *
      13 GetChanges *
      14 MoreAvailable *
      15 WindowSize *
      16 Commands *
      17 Options *
      18 FilterType *
      19 Truncation 2.5
      1B Conflict *
      1C Collections *
      1D ApplicationData *
      1E DeletesAsMoves *
      20 Supported *
      21 SoftDelete *
      22 MIMESupport *
      23 MIMETruncation *
      24 Wait 12.1+
      25 Limit 12.1+
      26 Partial 12.1+
      27 ConversationMode 14.0+
      28 MaxItems 14.0+
      29 HeartbeatInterval 14.0+
      page 1 Contacts
      05 Anniversary *
      06 AssistantName *
      07 AssistantPhoneNumber * aka AssistantTelephoneNumber
      08 Birthday *
      09 Body 2.5
      0A BodySize 2.5
      0B BodyTruncated 2.5
      0C Business2PhoneNumber *
      0D BusinessAddressCity * aka BusinessCity
      0E BusinessAddressCountry * aka BusinessCountry
      0F BusinessAddressPostalCode * aka BusinessPostalCode
      10 BusinessAddressState * aka BusinessState
      11 BusinessAddressStreet * aka BusinessStreet
      12 BusinessFaxNumber *
      13 BusinessPhoneNumber *
      14 CarPhoneNumber *
      15 Categories *
      16 Category *
      17 Children *
      18 Child *
      19 CompanyName *
      1A Department *
      1B Email1Address *
      1C Email2Address *
      1D Email3Address *
      1E FileAs *
      1F FirstName *
      20 Home2PhoneNumber *
      21 HomeAddressCity * aka HomeCity
      22 HomeAddressCountry * aka HomeCountry
      23 HomeAddressPostalCode * aka HomePostalCode
      24 HomeAddressState * aka HomeState
      25 HomeAddressStreet * aka HomeStreet
      26 HomeFaxNumber *
      27 HomePhoneNumber *
      28 JobTitle *
      29 LastName *
      2A MiddleName *
      2B MobilePhoneNumber *
      2C OfficeLocation *
      2D OtherAddressCity * aka OtherCity
      2E OtherAddressCountry * aka OtherCountry
      2F OtherAddressPostalCode * aka OtherPostalCode
      30 OtherAddressState * aka OtherState
      31 OtherAddressStreet * aka OtherStreet
      32 PagerNumber *
      33 RadioPhoneNumber *
      34 Spouse *
      35 Suffix *
      36 Title *
      37 WebPage *
      38 YomiCompanyName *
      39 YomiFirstName *
      3A YomiLastName *
      3C Picture *
      3D Alias 14.0+
      3E WeightedRank 14.0+
      page 2 Email
      05 Attachment 2.5
      06 Attachments 2.5
      07 AttName 2.5
      08 AttSize 2.5
      09 Att0Id 2.5 aka AttOId
      0A AttMethod 2.5
      0C Body 2.5
      0D BodySize 2.5
      0E BodyTruncated 2.5
      0F DateReceived *
      10 DisplayName 2.5
      11 DisplayTo *
      12 Importance *
      13 MessageClass *
      14 Subject *
      15 Read *
      16 To *
      17 Cc *
      18 From *
      19 ReplyTo * aka Reply-To
      1A AllDayEvent *
      1B Categories 14.0+
      1C Category 14.0+
      1D DtStamp * aka DTStamp
      1E EndTime *
      1F InstanceType *
      20 BusyStatus *
      21 Location 2.5-14.1
      22 MeetingRequest *
      23 Organizer *
      24 RecurrenceId *
      25 Reminder *
      26 ResponseRequested *
      27 Recurrences *
      28 Recurrence *
      29 Type * aka Recurrence_Type
      2A Until * aka Recurrence_Until
      2B Occurrences * aka Recurrence_Occurrences
      2C Interval * aka Recurrence_Interval
      2D DayOfWeek * aka Recurrence_DayOfWeek
      2E DayOfMonth * aka Recurrence_DayOfMonth
      2F WeekOfMonth * aka Recurrence_WeekOfMonth
      30 MonthOfYear * aka Recurrence_MonthOfYear
      31 StartTime *
      32 Sensitivity *
      33 TimeZone *
      34 GlobalObjId 2.5-14.1
      35 ThreadTopic *
      36 MIMEData 2.5
      37 MIMETruncated 2.5
      38 MIMESize 2.5
      39 InternetCPID *
      3A Flag 12.0+
      3B Status 12.0+ aka FlagStatus
      3C ContentClass 12.0+
      3D FlagType 12.0+
      3E CompleteTime 12.0+
      3F DisallowNewTimeProposal 14.0+
      page 3 AirNotify
      page 4 Calendar
      05 Timezone * aka TimeZone
      06 AllDayEvent *
      07 Attendees *
      08 Attendee *
      09 Email * aka Attendee_Email
      0A Name * aka Attendee_Name
      0B Body 2.5
      0C BodyTruncated 2.5
      0D BusyStatus *
      0E Categories *
      0F Category *
      11 DtStamp * aka DTStamp
      12 EndTime *
      13 Exception *
      14 Exceptions *
      15 Deleted * aka Exception_Deleted
      16 ExceptionStartTime 2.5-14.1 aka Exception_StartTime
      17 Location 2.5-14.1
      18 MeetingStatus *
      19 OrganizerEmail * aka Organizer_Email
      1A OrganizerName * aka Organizer_Name
      1B Recurrence *
      1C Type * aka Recurrence_Type
      1D Until * aka Recurrence_Until
      1E Occurrences * aka Recurrence_Occurrences
      1F Interval * aka Recurrence_Interval
      20 DayOfWeek * aka Recurrence_DayOfWeek
      21 DayOfMonth * aka Recurrence_DayOfMonth
      22 WeekOfMonth * aka Recurrence_WeekOfMonth
      23 MonthOfYear * aka Recurrence_MonthOfYear
      24 Reminder *
      25 Sensitivity *
      26 Subject *
      27 StartTime *
      28 UID *
      29 AttendeeStatus 12.0+ aka Attendee_Status
      2A AttendeeType 12.0+ aka Attendee_Type
      33 DisallowNewTimeProposal 14.0+
      34 ResponseRequested 14.0+
      35 AppointmentReplyTime 14.0+
      36 ResponseType 14.0+
      37 CalendarType 14.0+
      38 IsLeapMonth 14.0+
      39 FirstDayOfWeek 14.1+
      3A OnlineMeetingConfLink 14.1+
      3B OnlineMeetingExternalLink 14.1+
      3C ClientUid 16.0+
      page 5 Move
      05 MoveItems *
      06 Move *
      07 SrcMsgId *
      08 SrcFldId *
      09 DstFldId *
      0A Response *
      0B Status *
      0C DstMsgId *
      page 6 GetItemEstimate aka ItemEstimate
      05 GetItemEstimate *
      06 Version *
      07 Collections *
      08 Collection *
      09 Class 2.5-12.1
      0A CollectionId *
      0B DateTime *
      0C Estimate *
      0D Response *
      0E Status *
      page 7 FolderHierarchy
      05 Folders 2.5-12.1
      06 Folder 2.5-12.1
      07 DisplayName *
      08 ServerId *
      09 ParentId *
      0A Type *
      0C Status *
      0E Changes *
      0F Add *
      10 Delete *
      11 Update *
      12 SyncKey *
      13 FolderCreate *
      14 FolderDelete *
      15 FolderUpdate *
      16 FolderSync *
      17 Count *
      page 8 MeetingResponse
      05 CalendarId *
      06 CollectionId *
      07 MeetingResponse *
      08 RequestId *
      09 Request *
      0A Result *
      0B Status *
      0C UserResponse *
      0E InstanceId 14.1+
      10 ProposedStartTime 16.1
      11 ProposedEndTime 16.1
      12 SendResponse 16.0+
      page 9 Tasks
      05 Body 2.5
      06 BodySize 2.5
      07 BodyTruncated 2.5
      08 Categories *
      09 Category *
      0A Complete *
      0B DateCompleted *
      0C DueDate *
      0D UtcDueDate * aka UTCDueDate
      0E Importance *
      0F Recurrence *
      10 Type * aka Recurrence_Type
      11 Start * aka Recurrence_Start
      12 Until * aka Recurrence_Until
      13 Occurrences * aka Recurrence_Occurrences
      14 Interval * aka Recurrence_Interval
      15 DayOfMonth * aka Recurrence_DayOfMonth
      16 DayOfWeek * aka Recurrence_DayOfWeek
      17 WeekOfMonth * aka Recurrence_WeekOfMonth
      18 MonthOfYear * aka Recurrence_MonthOfYear
      19 Regenerate * aka Recurrence_Regenerate
      1A DeadOccur * aka Recurrence_DeadOccur
      1B ReminderSet *
      1C ReminderTime *
      1D Sensitivity *
      1E StartDate *
      1F UtcStartDate * aka UTCStartDate
      20 Subject *
      22 OrdinalDate 12.0+
      23 SubOrdinalDate 12.0+
      24 CalendarType 14.0+
      25 IsLeapMonth 14.0+
      26 FirstDayOfWeek 14.1+
      page 10 ResolveRecipients
      05 ResolveRecipients *
      06 Response *
      07 Status *
      08 Type *
      09 Recipient *
      0A DisplayName *
      0B EmailAddress *
      0C Certificates *
      0D Certificate *
      0E MiniCertificate *
      0F Options *
      10 To *
      11 CertificateRetrieval *
      12 RecipientCount *
      13 MaxCertificates *
      14 MaxAmbiguousRecipients *
      15 CertificateCount *
      16 Availability 14.0+
      17 StartTime 14.0+
      18 EndTime 14.0+
      19 MergedFreeBusy 14.0+
      1A Picture 14.1+
      1B MaxSize 14.1+
      1C Data 14.1+
      1D MaxPictures 14.1+
      page 11 ValidateCert
      05 ValidateCert *
      06 Certificates *
      07 Certificate *
      08 CertificateChain *
      09 CheckCRL * aka CheckCrl
      0A Status *
      page 12 Contacts2
      05 CustomerId *
      06 GovernmentId *
      07 IMAddress *
      08 IMAddress2 *
      09 IMAddress3 *
      0A ManagerName *
      0B CompanyMainPhone *
      0C AccountName *
      0D NickName *
      0E MMS *
      page 13 Ping
      05 Ping *
      06 AutdState *
      07 Status *
      08 HeartbeatInterval *
      09 Folders *
      0A Folder *
      0B Id *
      0C Class *
      0D MaxFolders *
      page 14 Provision
      05 Provision *
      06 Policies *
      07 Policy *
      08 PolicyType *
      09 PolicyKey *
      0A Data *
      0B Status *
      0C RemoteWipe *
      0D EASProvisionDoc 12.0+
      0E DevicePasswordEnabled 12.0+
      0F AlphanumericDevicePasswordRequired 12.0+
      10 RequireStorageCardEncryption 12.1+
      10 DeviceEncryptionEnabled 12.0
      11 PasswordRecoveryEnabled 12.0+
      13 AttachmentsEnabled 12.0+
      14 MinDevicePasswordLength 12.0+
      15 MaxInactivityTimeDeviceLock 12.0+
      16 MaxDevicePasswordFailedAttempts 12.0+
      17 MaxAttachmentSize 12.0+
      18 AllowSimpleDevicePassword 12.0+
      19 DevicePasswordExpiration 12.0+
      1A DevicePasswordHistory 12.0+
      1B AllowStorageCard 12.1+
      1C AllowCamera 12.1+
      1D RequireDeviceEncryption 12.1+
      1E AllowUnsignedApplications 12.1+
      1F AllowUnsignedInstallationPackages 12.1+
      20 MinDevicePasswordComplexCharacters 12.1+
      21 AllowWiFi 12.1+
      22 AllowTextMessaging 12.1+
      23 AllowPOPIMAPEmail 12.1+
      24 AllowBluetooth 12.1+
      25 AllowIrDA 12.1+
      26 RequireManualSyncWhenRoaming 12.1+
      27 AllowDesktopSync 12.1+
      28 MaxCalendarAgeFilter 12.1+
      29 AllowHTMLEmail 12.1+
      2A MaxEmailAgeFilter 12.1+
      2B MaxEmailBodyTruncationSize 12.1+
      2C MaxEmailHTMLBodyTruncationSize 12.1+
      2D RequireSignedSMIMEMessages 12.1+
      2E RequireEncryptedSMIMEMessages 12.1+
      2F RequireSignedSMIMEAlgorithm 12.1+
      30 RequireEncryptionSMIMEAlgorithm 12.1+
      31 AllowSMIMEEncryptionAlgorithmNegotiation 12.1+
      32 AllowSMIMESoftCerts 12.1+
      33 AllowBrowser 12.1+
      34 AllowConsumerEmail 12.1+
      35 AllowRemoteDesktop 12.1+
      36 AllowInternetSharing 12.1+
      37 UnapprovedInROMApplicationList 12.1+
      38 ApplicationName 12.1+
      39 ApprovedApplicationList 12.1+
      3A Hash 12.1+
      3B AccountOnlyRemoteWipe 16.1
      page 15 Search
      05 Search *
      07 Store *
      08 Name *
      09 Query *
      0A Options *
      0B Range *
      0C Status *
      0D Response *
      0E Result *
      0F Properties *
      10 Total *
      11 EqualTo 12.0+
      12 Value 12.0+
      13 And 12.0+
      14 Or 12.0+
      15 FreeText 12.0+
      17 DeepTraversal 12.0+
      18 LongId 12.0+
      19 RebuildResults 12.0+
      1A LessThan 12.0+
      1B GreaterThan 12.0+
      1E UserName 12.1+
      1F Password 12.1+
      20 ConversationId 14.0+
      21 Picture 14.1+
      22 MaxSize 14.1+
      23 MaxPictures 14.1+
      page 16 GAL aka Gal
      05 DisplayName *
      06 Phone *
      07 Office *
      08 Title *
      09 Company *
      0A Alias *
      0B FirstName *
      0C LastName *
      0D HomePhone *
      0E MobilePhone *
      0F EmailAddress *
      10 Picture 14.1+
      11 Status 14.1+
      12 Data 14.1+
      page 17 AirSyncBase
      05 BodyPreference 12.0+
      06 Type 12.0+
      07 TruncationSize 12.0+
      08 AllOrNone 12.0+
      0A Body 12.0+
      0B Data 12.0+
      0C EstimatedDataSize 12.0+
      0D Truncated 12.0+
      0E Attachments 12.0+
      0F Attachment 12.0+
      10 DisplayName 12.0+
      11 FileReference 12.0+
      12 Method 12.0+
      13 ContentId 12.0+
      14 ContentLocation 12.0+
      15 IsInline 12.0+
      16 NativeBodyType 12.0+
      17 ContentType 12.0+
      18 Preview 14.0+
      19 BodyPartPreference 14.1+
      1A BodyPart 14.1+
      1B Status 14.1+
      1C Add 16.0+
      1D Delete 16.0+
      1E ClientId 16.0+
      1F Content 16.0+
      20 Location 16.0+
      21 Annotation 16.0+
      22 Street 16.0+
      23 City 16.0+
      24 State 16.0+
      25 Country 16.0+
      26 PostalCode 16.0+
      27 Latitude 16.0+
      28 Longitude 16.0+
      29 Accuracy 16.0+
      2A Altitude 16.0+
      2B AltitudeAccuracy 16.0+
      2C LocationUri 16.0+
      2D InstanceId 16.0+
      page 18 Settings
      05 Settings 12.0+
      06 Status 12.0+
      07 Get 12.0+
      08 Set 12.0+
      09 Oof 12.0+
      0A OofState 12.0+
      0B StartTime 12.0+
      0C EndTime 12.0+
      0D OofMessage 12.0+
      0E AppliesToInternal 12.0+
      0F AppliesToExternalKnown 12.0+
      10 AppliesToExternalUnknown 12.0+
      11 Enabled 12.0+
      12 ReplyMessage 12.0+
      13 BodyType 12.0+
      14 DevicePassword 12.0+
      15 Password 12.0+
      16 DeviceInformation 12.0+
      17 Model 12.0+
      18 IMEI 12.0+
      19 FriendlyName 12.0+
      1A OS 12.0+
      1B OSLanguage 12.0+
      1C PhoneNumber 12.0+
      1D UserInformation 12.0+
      1E EmailAddresses 12.0+
      1F SMTPAddress 12.0+ aka SmtpAddress
      20 UserAgent 12.1+
      21 EnableOutboundSMS 14.0+
      22 MobileOperator 14.0+
      23 PrimarySmtpAddress 14.1+
      24 Accounts 14.1+
      25 Account 14.1+
      26 AccountId 14.1+
      27 AccountName 14.1+
      28 UserDisplayName 14.1+
      29 SendDisabled 14.1+
      2B RightsManagementInformation 14.1+ aka ihsManagementInformation
      page 19 DocumentLibrary
      05 LinkId 12.0+
      06 DisplayName 12.0+
      07 IsFolder 12.0+
      08 CreationDate 12.0+
      09 LastModifiedDate 12.0+
      0A IsHidden 12.0+
      0B ContentLength 12.0+
      0C ContentType 12.0+
      page 20 ItemOperations
      05 ItemOperations 12.0+
      06 Fetch 12.0+
      07 Store 12.0+
      08 Options 12.0+
      09 Range 12.0+
      0A Total 12.0+
      0B Properties 12.0+
      0C Data 12.0+
      0D Status 12.0+
      0E Response 12.0+
      0F Version 12.0+
      10 Schema 12.0+
      11 Part 12.0+
      12 EmptyFolderContents 12.0+
      13 DeleteSubFolders 12.0+
      14 UserName 12.1+
      15 Password 12.1+
      16 Move 14.0+
      17 DstFldId 14.0+
      18 ConversationId 14.0+
      19 MoveAlways 14.0+
      page 21 ComposeMail
      05 SendMail 14.0+
      06 SmartForward 14.0+
      07 SmartReply 14.0+
      08 SaveInSentItems 14.0+
      09 ReplaceMime 14.0+
      0B Source 14.0+
      0C FolderId 14.0+
      0D ItemId 14.0+
      0E LongId 14.0+
      0F InstanceId 14.0+
      10 Mime 14.0+ aka MIME
      11 ClientId 14.0+
      12 Status 14.0+
      13 AccountId 14.1+
      15 Forwardees 16.0+
      16 Forwardee 16.0+
      17 Name 16.0+ aka ForwardeeName
      18 Email 16.0+ aka ForwardeeEmail
      page 22 Email2
      05 UmCallerID 14.0+
      06 UmUserNotes 14.0+
      07 UmAttDuration 14.0+
      08 UmAttOrder 14.0+
      09 ConversationId 14.0+
      0A ConversationIndex 14.0+
      0B LastVerbExecuted 14.0+
      0C LastVerbExecutionTime 14.0+
      0D ReceivedAsBcc 14.0+
      0E Sender 14.0+
      0F CalendarType 14.0+
      10 IsLeapMonth 14.0+
      11 AccountId 14.1+
      12 FirstDayOfWeek 14.1+
      13 MeetingMessageType 14.1+
      15 IsDraft 16.0+
      16 Bcc 16.0+
      17 Send 16.0+
      page 23 Notes
      05 Subject 14.0+
      06 MessageClass 14.0+
      07 LastModifiedDate 14.0+
      08 Categories 14.0+
      09 Category 14.0+
      page 24 RightsManagement
      05 RightsManagementSupport 14.1+
      06 RightsManagementTemplates 14.1+
      07 RightsManagementTemplate 14.1+
      08 RightsManagementLicense 14.1+
      09 EditAllowed 14.1+
      0A ReplyAllowed 14.1+
      0B ReplyAllAllowed 14.1+
      0C ForwardAllowed 14.1+
      0D ModifyRecipientsAllowed 14.1+
      0E ExtractAllowed 14.1+
      0F PrintAllowed 14.1+
      10 ExportAllowed 14.1+
      11 ProgrammaticAccessAllowed 14.1+
      12 Owner 14.1+ aka RMOwner
      13 ContentExpiryDate 14.1+
      14 TemplateID 14.1+
      15 TemplateName 14.1+
      16 TemplateDescription 14.1+
      17 ContentOwner 14.1+
      18 RemoveRightsManagementProtection 14.1+ aka RemoveRightsManagementDistribution
      page 25 Find
      05 Find 16.1
      06 SearchId 16.1
      07 ExecuteSearch 16.1
      08 MailBoxSearchCriterion 16.1
      09 Query 16.1
      0A Status 16.1
      0B FreeText 16.1
      0C Options 16.1
      0D Range 16.1
      0E DeepTraversal 16.1
      11 Response 16.1
      12 Result 16.1
      13 Properties 16.1
      14 Preview 16.1
      15 HasAttachments 16.1
      16 Total 16.1
      17 DisplayCc 16.1
      18 DisplayBcc 16.1
      19 GalSearchCriterion 16.1 aka GALSearchCriterion
      20 MaxPictures 16.1
      21 MaxSize 16.1
      22 Picture 16.1
      """;
}
