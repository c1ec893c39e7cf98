import Foundation

/// The type a tabular data package field carries, as the HSDS datapackage declares it.
public enum FieldType: String, Sendable, Codable {
    case string, number, integer, boolean, date, time, datetime
}

/// One column of an HSDS (or profile) resource.
public struct HSDSField: Sendable, Hashable {
    /// The column name, exactly as the CSV header spells it.
    public let name: String
    /// The declared type.
    public let type: FieldType
    /// Whether HSDS requires a value in every row.
    public let required: Bool
    /// Whether HSDS declares the value a UUID.
    public let uuid: Bool

    /// Declares a field.
    public init(_ name: String, _ type: FieldType, required: Bool = false, uuid: Bool = false) {
        self.name = name
        self.type = type
        self.required = required
        self.uuid = uuid
    }
}

/// A column that points at another resource's `id`.
public struct HSDSReference: Sendable, Hashable {
    /// The referring column.
    public let field: String
    /// The resource whose `id` it names.
    public let resource: String
}

/// One table of the package: an official HSDS 3.0 resource or one of the profile's extras.
public struct HSDSResource: Sendable {
    /// The resource name (`service`, `area`, ...), also the SQLite table name.
    public let name: String
    /// The CSV file name inside the package.
    public let path: String
    /// The columns, in the official order.
    public let fields: [HSDSField]
    /// Declared references to other resources.
    public let references: [HSDSReference]
    /// Allowed values, for the fields that have a fixed set.
    public let enums: [String: [String]]
    /// The column that identifies a row (`id`, or `pcode` for areas); nil when rows have no key.
    public let key: String?
    /// Whether this is one of the 21 official HSDS 3.0 resources.
    public let official: Bool

    init(name: String, path: String, fields: [HSDSField], references: [HSDSReference],
         enums: [String: [String]] = [:], key: String? = "id", official: Bool = true) {
        self.name = name
        self.path = path
        self.fields = fields
        self.references = references
        self.enums = enums
        self.key = key
        self.official = official
    }

    /// The field with this name, if the resource has it.
    public func field(_ name: String) -> HSDSField? { fields.first { $0.name == name } }

    /// Whether a reference must resolve for the package to be accepted.
    ///
    /// A reference is required when HSDS requires the referring field: a service without its
    /// organization, a service-at-location without its service or location, or an attribute
    /// without its taxonomy term means nothing.
    public func isRequiredReference(_ reference: HSDSReference) -> Bool {
        field(reference.field)?.required ?? false
    }
}

/// The resources Waymark reads and writes: HSDS 3.0's 21 official ones and the profile's extras.
public enum HSDSSchema {
    /// The 21 official HSDS 3.0 resources, in the official datapackage's order.
    public static let official: [HSDSResource] = [
        HSDSResource(
            name: "organization", path: "organizations.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("name", .string, required: true),
                .init("alternate_name", .string),
                .init("description", .string, required: true),
                .init("email", .string),
                .init("website", .string),
                .init("tax_status", .string),
                .init("tax_id", .string),
                .init("year_incorporated", .number),
                .init("legal_status", .string),
                .init("logo", .string),
                .init("uri", .string),
                .init("parent_organization_id", .string, uuid: true),
            ],
            references: []
        ),
        HSDSResource(
            name: "program", path: "programs.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("organization_id", .string, required: true, uuid: true),
                .init("name", .string, required: true),
                .init("alternate_name", .string),
                .init("description", .string, required: true),
            ],
            references: [.init(field: "organization_id", resource: "organization")]
        ),
        HSDSResource(
            name: "service", path: "services.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("organization_id", .string, required: true, uuid: true),
                .init("program_id", .string, uuid: true),
                .init("name", .string, required: true),
                .init("alternate_name", .string),
                .init("description", .string),
                .init("url", .string),
                .init("email", .string),
                .init("status", .string, required: true),
                .init("interpretation_services", .string),
                .init("application_process", .string),
                .init("fees_description", .string),
                .init("wait_time", .string),
                .init("fees", .string),
                .init("accreditations", .string),
                .init("eligibility_description", .string),
                .init("minimum_age", .number),
                .init("maximum_age", .number),
                .init("assured_date", .date),
                .init("assurer_email", .string),
                .init("licenses", .string),
                .init("alert", .string),
                .init("last_modified", .datetime),
            ],
            references: [.init(field: "organization_id", resource: "organization"), .init(field: "program_id", resource: "program")],
            enums: ["status": ["active", "inactive", "defunct", "temporarily closed"]]
        ),
        HSDSResource(
            name: "attribute", path: "attributes.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("link_id", .string, required: true, uuid: true),
                .init("taxonomy_term_id", .string, required: true, uuid: true),
                .init("link_type", .string),
                .init("link_entity", .string, required: true),
                .init("value", .string),
            ],
            references: [.init(field: "taxonomy_term_id", resource: "taxonomy_term")]
        ),
        HSDSResource(
            name: "service_at_location", path: "service_at_location.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("service_id", .string, required: true, uuid: true),
                .init("location_id", .string, required: true, uuid: true),
                .init("description", .string),
            ],
            references: [.init(field: "service_id", resource: "service"), .init(field: "location_id", resource: "location")]
        ),
        HSDSResource(
            name: "location", path: "locations.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("location_type", .string, required: true),
                .init("url", .string),
                .init("organization_id", .string, uuid: true),
                .init("name", .string),
                .init("alternate_name", .string),
                .init("description", .string),
                .init("transportation", .string),
                .init("latitude", .number),
                .init("longitude", .number),
                .init("external_identifier", .string),
                .init("external_identifier_type", .string),
            ],
            references: [.init(field: "organization_id", resource: "organization")],
            enums: ["location_type": ["physical", "postal", "virtual"]]
        ),
        HSDSResource(
            name: "phone", path: "phones.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("location_id", .string, uuid: true),
                .init("service_id", .string, uuid: true),
                .init("organization_id", .string, uuid: true),
                .init("contact_id", .string, uuid: true),
                .init("service_at_location_id", .string, uuid: true),
                .init("number", .string, required: true),
                .init("extension", .number),
                .init("type", .string),
                .init("description", .string),
            ],
            references: [.init(field: "contact_id", resource: "contact"), .init(field: "location_id", resource: "location"), .init(field: "organization_id", resource: "organization"), .init(field: "service_id", resource: "service"), .init(field: "service_at_location_id", resource: "service_at_location")]
        ),
        HSDSResource(
            name: "contact", path: "contacts.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("organization_id", .string, uuid: true),
                .init("service_id", .string, uuid: true),
                .init("service_at_location_id", .string, uuid: true),
                .init("location_id", .string, uuid: true),
                .init("name", .string),
                .init("title", .string),
                .init("department", .string),
                .init("email", .string),
            ],
            references: [.init(field: "location_id", resource: "location"), .init(field: "organization_id", resource: "organization"), .init(field: "service_id", resource: "service"), .init(field: "service_at_location_id", resource: "service_at_location")]
        ),
        HSDSResource(
            name: "address", path: "addresses.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("location_id", .string, uuid: true),
                .init("attention", .string),
                .init("address_1", .string, required: true),
                .init("address_2", .string),
                .init("city", .string, required: true),
                .init("region", .string),
                .init("state_province", .string, required: true),
                .init("postal_code", .string, required: true),
                .init("country", .string, required: true),
                .init("address_type", .string, required: true),
            ],
            references: [.init(field: "location_id", resource: "location")],
            enums: ["address_type": ["physical", "postal", "virtual"]]
        ),
        HSDSResource(
            name: "schedule", path: "schedules.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("service_id", .string, uuid: true),
                .init("location_id", .string, uuid: true),
                .init("service_at_location_id", .string, uuid: true),
                .init("valid_from", .date),
                .init("valid_to", .date),
                .init("dtstart", .date),
                .init("timezone", .number),
                .init("until", .date),
                .init("count", .number),
                .init("wkst", .string),
                .init("freq", .string),
                .init("interval", .number),
                .init("byday", .string),
                .init("byweekno", .string),
                .init("bymonthday", .string),
                .init("byyearday", .string),
                .init("description", .string),
                .init("opens_at", .time),
                .init("closes_at", .time),
                .init("schedule_link", .string),
                .init("attending_type", .string),
                .init("notes", .string),
            ],
            references: [.init(field: "location_id", resource: "location"), .init(field: "service_id", resource: "service"), .init(field: "service_at_location_id", resource: "service_at_location")],
            enums: ["wkst": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], "freq": ["WEEKLY", "MONTHLY"]]
        ),
        HSDSResource(
            name: "funding", path: "funding.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("organization_id", .string, uuid: true),
                .init("service_id", .string, uuid: true),
                .init("source", .string),
            ],
            references: [.init(field: "organization_id", resource: "organization"), .init(field: "service_id", resource: "service")]
        ),
        HSDSResource(
            name: "service_area", path: "service_areas.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("service_id", .string, uuid: true),
                .init("name", .string),
                .init("description", .string),
                .init("extent", .string),
                .init("extent_type", .string),
                .init("uri", .string),
            ],
            references: [.init(field: "service_id", resource: "service")]
        ),
        HSDSResource(
            name: "required_document", path: "required_documents.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("service_id", .string, uuid: true),
                .init("document", .string),
                .init("uri", .string),
            ],
            references: [.init(field: "service_id", resource: "service")]
        ),
        HSDSResource(
            name: "language", path: "languages.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("service_id", .string, uuid: true),
                .init("location_id", .string, uuid: true),
                .init("phone_id", .string, uuid: true),
                .init("name", .string),
                .init("code", .string),
                .init("note", .string),
            ],
            references: [.init(field: "location_id", resource: "location"), .init(field: "phone_id", resource: "phone"), .init(field: "service_id", resource: "service")]
        ),
        HSDSResource(
            name: "accessibility", path: "accessibility.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("location_id", .string, uuid: true),
                .init("description", .string),
                .init("details", .string),
                .init("url", .string),
            ],
            references: [.init(field: "location_id", resource: "location")]
        ),
        HSDSResource(
            name: "taxonomy_term", path: "taxonomy_terms.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("code", .string),
                .init("name", .string, required: true),
                .init("description", .string, required: true),
                .init("parent_id", .string, uuid: true),
                .init("taxonomy", .string),
                .init("language", .string),
                .init("taxonomy_id", .string, uuid: true),
                .init("term_uri", .string),
            ],
            references: [.init(field: "taxonomy_id", resource: "taxonomy")]
        ),
        HSDSResource(
            name: "metadata", path: "metadata.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("resource_id", .string, required: true, uuid: true),
                .init("resource_type", .string, required: true),
                .init("last_action_date", .date, required: true),
                .init("last_action_type", .string, required: true),
                .init("field_name", .string, required: true),
                .init("previous_value", .string, required: true),
                .init("replacement_value", .string, required: true),
                .init("updated_by", .string, required: true),
            ],
            references: []
        ),
        HSDSResource(
            name: "meta_table_description", path: "meta_table_descriptions.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("name", .string),
                .init("language", .string),
                .init("character_set", .string),
            ],
            references: []
        ),
        HSDSResource(
            name: "cost_option", path: "cost_options.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("service_id", .string, required: true, uuid: true),
                .init("valid_from", .date),
                .init("valid_to", .date),
                .init("option", .string),
                .init("currency", .string),
                .init("amount", .number),
                .init("amount_description", .string),
            ],
            references: [.init(field: "service_id", resource: "service")]
        ),
        HSDSResource(
            name: "organization_identifier", path: "organization_identifiers.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("organization_id", .string, required: true, uuid: true),
                .init("identifier_scheme", .string),
                .init("identifier_type", .string, required: true),
                .init("identifier", .string, required: true),
            ],
            references: [.init(field: "organization_id", resource: "organization")]
        ),
        HSDSResource(
            name: "taxonomy", path: "taxonomies.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("name", .string, required: true),
                .init("description", .string, required: true),
                .init("uri", .string),
                .init("version", .string),
            ],
            references: []
        ),
    ].map(HSDSSchema.addingImplicitReferences)

    /// The profile's extra resources (areas, travel, capacity), declared in the package.
    public static let extras: [HSDSResource] = [
        HSDSResource(
            name: "area", path: "areas.csv",
            fields: [
                .init("pcode", .string, required: true),
                .init("name", .string, required: true),
                .init("parent_pcode", .string),
                .init("country", .string, required: true),
                .init("level", .integer),
                .init("latitude", .number),
                .init("longitude", .number),
                .init("timezone", .string),
                .init("population", .integer),
            ],
            references: [], key: "pcode", official: false),
        HSDSResource(
            name: "travel_link", path: "travel_links.csv",
            fields: [
                .init("from_pcode", .string, required: true),
                .init("to_pcode", .string, required: true),
                .init("minutes", .number, required: true),
                .init("border_crossing", .boolean),
            ],
            references: [], key: nil, official: false),
        HSDSResource(
            name: "unit", path: "units.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("name", .string, required: true),
                .init("scheme", .string),
                .init("identifier", .string),
                .init("uri", .string),
            ],
            references: [], official: false),
        HSDSResource(
            name: "service_capacity", path: "service_capacities.csv",
            fields: [
                .init("id", .string, required: true, uuid: true),
                .init("service_id", .string, required: true, uuid: true),
                .init("unit_id", .string, required: true, uuid: true),
                .init("available", .number, required: true),
                .init("maximum", .number),
                .init("description", .string),
                .init("updated", .datetime, required: true),
            ],
            references: [
                .init(field: "service_id", resource: "service"),
                .init(field: "unit_id", resource: "unit"),
            ], official: false),
    ]

    /// Every resource, official first.
    public static let all: [HSDSResource] = official + extras

    /// The resource with this name.
    public static func resource(named name: String) -> HSDSResource? {
        all.first { $0.name == name }
    }

    /// The resource stored in this CSV file name.
    public static func resource(path: String) -> HSDSResource? {
        all.first { $0.path == path }
    }

    /// References HSDS states in prose but not in the datapackage's foreign keys.
    static func addingImplicitReferences(_ resource: HSDSResource) -> HSDSResource {
        let implicit: [String: [HSDSReference]] = [
            "organization": [.init(field: "parent_organization_id", resource: "organization")],
            "taxonomy_term": [.init(field: "parent_id", resource: "taxonomy_term")],
        ]
        guard let extra = implicit[resource.name] else { return resource }
        return HSDSResource(name: resource.name, path: resource.path, fields: resource.fields,
                            references: resource.references + extra, enums: resource.enums,
                            key: resource.key, official: resource.official)
    }
}
