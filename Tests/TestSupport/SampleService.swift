/// Services of the bundled sample the tests refer people to.
public enum SampleService {
    /// Guardianship for separated and trafficked children (child-protection).
    public static let guardianship = "1de7e0f2-7c8b-5c52-a792-31a8e4786254"
    /// Family tracing and assessment (family-tracing), at an international organization.
    public static let familyTracing = "7d45086a-e431-5e81-9e1e-fd2efa12d750"
    /// Reception of assisted returnees (return).
    public static let returnReception = "de29f281-1c69-5c08-b29a-23000bf431af"
    /// A state shelter for women, at a confidential address.
    public static let womensShelter = "296f4d62-b794-5bcb-99a6-de932708f6f8"
    /// Counselling for adult victims (psychosocial), same organization as the shelter.
    public static let counselling = "cef7de8a-17f4-542f-b942-06302ca5c929"
    /// A legal advice clinic in the person's own country (XA).
    public static let legalAdvice = "3c427015-d42e-5b5f-a239-6825c045dc14"
    /// Free legal aid, another organization.
    public static let legalAid = "7979d667-97bf-5921-93a2-f912593a319d"
    /// Family tracing and best-interests assessment: typed both child-protection and family-tracing.
    public static let tracingAndProtection = "2a794f12-c71a-5e26-9c84-77d04fa8442e"
    /// Casa Fetelor «Lumina»: a shelter for girls aged 12 to 17.
    public static let girlsShelter = "ed69c87d-7fb2-542e-9ba7-5b9ed049e0ad"
    /// A men's shelter that is temporarily closed.
    public static let closedShelter = "014ce1af-6cd1-5fc7-8e6b-34b2b7dec348"
}
