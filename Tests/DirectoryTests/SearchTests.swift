import Directory
import Foundation
import Testing
import TestSupport

@Suite("Searching the directory")
struct SearchTests {
    func names(_ query: SearchQuery, kind: StoreKind = .inMemory) throws -> [String] {
        try kind.small().search(query, clock: Fixed.clock).results.map(\.serviceName)
    }

    @Test("Search text with FTS syntax in it is only ever text", arguments: ["\"", "*", "-", "Men's", "NEAR", "a OR b", "(x", "^", "shelter\"*"])
    func ftsSyntax(text: String) throws {
        let store = try StoreKind.inMemory.small()
        _ = try store.search(SearchQuery(text: text), clock: Fixed.clock)
        if text == "Men's" {
            #expect(try store.search(SearchQuery(text: text), clock: Fixed.clock).results.map(\.serviceName) == ["Men's Shelter"])
        }
    }

    @Test("One and two letters search by prefix as the responder starts typing", arguments: ["m", "me", "l", "ส"])
    func shortPrefixes(text: String) throws {
        let store = try StoreKind.inMemory.small()
        let found = try store.search(SearchQuery(text: text), clock: Fixed.clock)
        if text.hasPrefix("m") { #expect(found.results.map(\.serviceName).contains("Men's Shelter")) }
        if text == "l" { #expect(found.results.map(\.serviceName).contains("Legal aid clinic")) }
    }

    @Test("Diacritics are folded: 'speranta' finds Fundația Speranța's services")
    func diacritics() throws {
        #expect(try names(SearchQuery(text: "speranta")).contains("Legal aid clinic"))
    }

    @Test("A word inside a Thai name is found (trigram index)")
    func thai() throws {
        #expect(try names(SearchQuery(text: "เพื่อน")) == ["สายด่วน hotline"])
        #expect(try names(SearchQuery(text: "ด่วน")) == ["สายด่วน hotline"])
    }

    @Test("Prefixes match as the responder types", arguments: StoreKind.allCases)
    func prefix(kind: StoreKind) throws {
        #expect(try names(SearchQuery(text: "shel"), kind: kind) == ["Girls' Shelter", "Men's Shelter"])
    }

    @Test("A service type includes its children")
    func typeHierarchy() throws {
        #expect(try names(SearchQuery(serviceTypes: ["shelter"])) == ["Girls' Shelter", "Men's Shelter"])
        #expect(try names(SearchQuery(serviceTypes: ["shelter.children"])) == ["Girls' Shelter"])
    }

    @Test("Sex and age follow the eligibility rules; no stated sex means any")
    func sexAndAge() throws {
        #expect(try names(SearchQuery(serviceTypes: ["shelter"], sex: "female", age: 16)) == ["Girls' Shelter"])
        #expect(try names(SearchQuery(serviceTypes: ["shelter"], sex: "male", age: 16)) == [])
        #expect(try names(SearchQuery(sex: "male", age: 30)) == ["Legal aid clinic", "Men's Shelter", "สายด่วน hotline"])
    }

    @Test("Area keeps locations at or below it, plus services whose service area covers it")
    func area() throws {
        #expect(try names(SearchQuery(area: "XA01")) == ["Girls' Shelter", "Legal aid clinic", "สายด่วน hotline"])
        #expect(try names(SearchQuery(area: "XA0201")) == ["Men's Shelter", "สายด่วน hotline"])
        #expect(throws: SearchError.unknownArea("XQ")) { try StoreKind.inMemory.small().search(SearchQuery(area: "XQ")) }
    }

    @Test("Only active services unless inactive ones are asked for")
    func status() throws {
        #expect(try !names(SearchQuery()).contains("Youth drop-in"))
        #expect(try names(SearchQuery(includeInactive: true)).contains("Youth drop-in"))
    }

    @Test("Open at a local time drops services known to be closed and keeps unknown hours as null")
    func openAt() throws {
        let store = try StoreKind.inMemory.small()
        // 2026-01-17 is a Saturday: the legal clinic (weekdays 9–17) is closed, 24/7 services are open,
        // the Men's Shelter has no hours (unknown).
        let saturday = try #require(LocalMoment(wallClock: "2026-01-17T10:00"))
        let results = try store.search(SearchQuery(openAt: .wallClock(saturday)), clock: Fixed.clock).results
        #expect(results.map(\.serviceName) == ["Girls' Shelter", "Men's Shelter", "สายด่วน hotline"])
        #expect(results.map(\.open) == [true, nil, true])
        let monday = try #require(LocalMoment(wallClock: "2026-01-19T16:59"))
        #expect(try store.search(SearchQuery(text: "legal", openAt: .wallClock(monday)), clock: Fixed.clock).results.first?.open == true)
        let json = String(decoding: try JSONEncoder().encode(results[1]), as: UTF8.self)
        #expect(json.contains("\"open\":null"))
    }

    @Test("Results carry flags: no capacity, confidential, conditions, stale")
    func flags() throws {
        let store = try StoreKind.inMemory.small()
        let girls = try #require(store.search(SearchQuery(text: "girls"), clock: Fixed.clock).results.first)
        #expect(girls.available == 0)
        #expect(girls.confidential)
        #expect(girls.conditions.contains("confidential-address"))
        #expect(girls.serviceTypes == ["shelter.children"])
        #expect(girls.sex == ["female"])
        #expect(!girls.stale)
        let later = FixedTime(Fixed.clock.instant.addingTimeInterval(200 * 86_400))
        #expect(try store.search(SearchQuery(text: "girls"), clock: later).results.first?.stale == true)
    }

    @Test("Order does not depend on import order")
    func deterministic() throws {
        var reversed = PackageFixture.small()
        for key in reversed.rows.keys { reversed.rows[key]?.reverse() }
        let a = try StoreKind.inMemory.small()
        let b = try DirectoryStore.inMemory()
        _ = try b.importPackage(at: try reversed.write(), clock: Fixed.clock)
        for query in [SearchQuery(), SearchQuery(text: "shelter"), SearchQuery(sex: "female")] {
            #expect(try a.search(query, clock: Fixed.clock) == b.search(query, clock: Fixed.clock))
        }
    }

    @Test("An empty directory answers an empty result, not an error")
    func emptyDirectory() throws {
        let store = try DirectoryStore.inMemory()
        #expect(try store.search(SearchQuery(text: "anything"), clock: Fixed.clock).total == 0)
    }
}

@Suite("Searching by a word that names a service type")
struct TypeWordTests {
    @Test("'shelters' finds every shelter first, also one whose name does not say so")
    func typeWord() throws {
        var f = PackageFixture.small()
        f.service("svc-casa", org: "org-hope", name: "Casa Lumina", at: "loc-hope", types: ["shelter.long-term"])
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try f.write(), clock: Fixed.clock)
        let names = try store.search(SearchQuery(text: "shelters"), clock: Fixed.clock).results.map(\.serviceName)
        #expect(Set(names.prefix(3)) == ["Casa Lumina", "Girls' Shelter", "Men's Shelter"])
    }
}

@Suite("Text relevance tiers")
struct RelevanceTests {
    @Test("A word in the service's name ranks above the same word in the organization's name, then in a description")
    func tiers() throws {
        var f = PackageFixture.small()
        f.organization("org-river", name: "Riverbank Trust")
        f.location("loc-river", org: "org-river", pcode: "XA0102")
        f.service("svc-a", org: "org-river", name: "Aardvark counselling", at: "loc-river", types: ["psychosocial"])
        f.service("svc-b", org: "org-hope", name: "Zebra riverbank outreach", at: "loc-hope", types: ["psychosocial"])
        f.service("svc-c", org: "org-hope", name: "Alpha clinic", at: "loc-hope", types: ["health"])
        f.rows["service"]![f.rows["service"]!.count - 1]["description"] = "Meets by the riverbank on Tuesdays."
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try f.write(), clock: Fixed.clock)
        let names = try store.search(SearchQuery(text: "riverbank"), clock: Fixed.clock).results.map(\.serviceName)
        #expect(names == ["Zebra riverbank outreach", "Aardvark counselling", "Alpha clinic"])
    }
}
