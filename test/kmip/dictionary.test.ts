import { expect } from "chai";
import { KmipcheckError } from "../../src/errors";
import {
  ATTRIBUTES,
  CryptographicAlgorithm,
  CryptographicUsageMask,
  DEPRECATED_TAGS,
  ENUMERATIONS,
  HashingAlgorithm,
  KeyFormatType,
  Operation,
  ResultReason,
  StorageStatusMask,
  Tag,
  attributeByName,
  attributeNames,
  enumName,
  enumValue,
  enumerationOfAttribute,
  enumerationOfTag,
  isEnumValueAllowed,
  maskFromNames,
  maskNames,
  maskOfAttribute,
  maskOfTag,
  normalizeName,
  tagByName,
  tagLabel,
  tagName,
} from "../../src/kmip";
import { ItemType } from "../../src/ttlv/types";

describe("kmip dictionary: tags", () => {
  const cases: Array<[string, number]> = [
    ["ActivationDate", 0x420001],
    ["RequestMessage", 0x420078],
    ["ResponseMessage", 0x42007b],
    ["UniqueBatchItemID", 0x420093],
    ["IVCounterNonce", 0x42003d],
    ["X_509CertificateIdentifier", 0x4200b5],
    ["PKCS_12FriendlyName", 0x4200fb],
    ["MaskGeneratorHashingAlgorithm", 0x420102],
    ["ReplaceExisting", 0x420124],
  ];

  for (const [name, tag] of cases) {
    it(`maps ${name} to 0x${tag.toString(16)} both ways`, () => {
      expect(tagByName(name)).to.equal(tag);
      expect(tagName(tag)).to.equal(name);
      expect(tagLabel(tag)).to.equal(name);
    });
  }

  it("holds every tag of Table 288 without gaps", () => {
    const values = Object.values(Tag);
    expect(values).to.have.length(0x124);
    values.forEach((value, index) => expect(value).to.equal(0x420001 + index));
  });

  it("marks the deprecated tags of Table 288", () => {
    expect(DEPRECATED_TAGS.has(Tag.CertificateIdentifier)).to.equal(true);
    expect(DEPRECATED_TAGS.has(Tag.OperationPolicyName)).to.equal(true);
    expect(DEPRECATED_TAGS.has(Tag.X_509CertificateIdentifier)).to.equal(false);
    expect(DEPRECATED_TAGS.size).to.equal(10);
  });

  it("accepts hex tags with first byte 0x42 or 0x54", () => {
    expect(tagByName("0x420078")).to.equal(0x420078);
    expect(tagByName("0x54ffff")).to.equal(0x54ffff);
    expect(tagByName("0x540001")).to.equal(0x540001);
  });

  it("rejects other hex tags and unknown names", () => {
    expect(tagByName("0x430001")).to.equal(undefined);
    expect(tagByName("0x42007")).to.equal(undefined);
    expect(tagByName("0x4200781")).to.equal(undefined);
    expect(tagByName("Request Message")).to.equal(undefined);
    expect(tagByName("requestMessage")).to.equal(undefined);
    expect(tagByName("constructor")).to.equal(undefined);
    expect(tagByName("toString")).to.equal(undefined);
  });

  it("labels unknown tags as 6 upper-case hex digits", () => {
    expect(tagName(0x540001)).to.equal(undefined);
    expect(tagLabel(0x540001)).to.equal("0x540001");
    expect(tagLabel(0x4200ff + 0x100)).to.equal("0x4201FF");
    expect(tagLabel(0x42)).to.equal("0x000042");
  });
});

describe("kmip dictionary: enumerations", () => {
  const cases: Array<[string, string, number]> = [
    ["Operation", "Create", 0x01],
    ["Operation", "GetAttributes", 0x0b],
    ["Operation", "DiscoverVersions", 0x1e],
    ["Operation", "ReKeyKeyPair", 0x1d],
    ["ResultStatus", "Success", 0x00],
    ["ResultStatus", "OperationFailed", 0x01],
    ["ResultReason", "ItemNotFound", 0x01],
    ["ResultReason", "GeneralFailure", 0x100],
    ["ObjectType", "SymmetricKey", 0x02],
    ["CryptographicAlgorithm", "DES3", 0x02],
    ["CryptographicAlgorithm", "AES", 0x03],
    ["State", "PreActive", 0x01],
    ["NameType", "UninterpretedTextString", 0x01],
    ["KeyFormatType", "PKCS_1", 0x03],
    ["KeyFormatType", "X_509", 0x05],
    ["HashingAlgorithm", "SHA_256", 0x06],
    ["LinkType", "PublicKeyLink", 0x102],
    ["RNGAlgorithm", "ANSIX9_31", 0x05],
    ["MaskGenerator", "MGF1", 0x01],
    ["DestroyAction", "KeyMaterialShredded", 0x03],
    ["ProfileName", "XMLServerKMIPV1_4", 0x9c],
  ];

  for (const [enumeration, name, value] of cases) {
    it(`maps ${enumeration}.${name} to ${value} both ways`, () => {
      expect(enumValue(enumeration, name)).to.equal(value);
      expect(enumName(enumeration, value)).to.equal(name);
    });
  }

  it("exports one constant object per enumeration", () => {
    expect(Operation.Create).to.equal(1);
    expect(ResultReason.PermissionDenied).to.equal(0x0c);
    expect(HashingAlgorithm.SHA_256).to.equal(6);
    expect(CryptographicAlgorithm.AES).to.equal(3);
    expect(KeyFormatType.Raw).to.equal(1);
  });

  it("holds all 49 enumerations of §9.1.3.2", () => {
    expect(Object.keys(ENUMERATIONS)).to.have.length(49);
    expect(ENUMERATIONS.OpaqueDataType.values).to.deep.equal({});
  });

  it("records deprecated values", () => {
    expect(ENUMERATIONS.ObjectType.deprecated).to.deep.equal(["Template"]);
    expect(ENUMERATIONS.KeyFormatType.deprecated).to.include("TransparentECDSAPrivateKey");
  });

  it("returns undefined for unknown names and values", () => {
    expect(enumValue("Operation", "Frobnicate")).to.equal(undefined);
    expect(enumValue("Operation", "constructor")).to.equal(undefined);
    expect(enumValue("Operation", "create")).to.equal(undefined);
    expect(enumValue("NoSuchEnumeration", "Create")).to.equal(undefined);
    expect(enumName("Operation", 0x7fffffff)).to.equal(undefined);
    expect(enumName("NoSuchEnumeration", 1)).to.equal(undefined);
  });

  it("allows extension values only in 0x80000000-0x8FFFFFFF", () => {
    expect(isEnumValueAllowed("Operation", 0x0a)).to.equal(true);
    expect(isEnumValueAllowed("Operation", 0x80000001)).to.equal(true);
    expect(isEnumValueAllowed("Operation", 0x8fffffff)).to.equal(true);
    expect(isEnumValueAllowed("Operation", 0x90000000)).to.equal(false);
    expect(isEnumValueAllowed("Operation", 0x7fffffff)).to.equal(false);
    expect(isEnumValueAllowed("Operation", 0x2c)).to.equal(false);
    expect(isEnumValueAllowed("NoSuchEnumeration", 1)).to.equal(false);
  });
});

describe("kmip dictionary: enumeration of a tag", () => {
  const cases: Array<[string, string]> = [
    ["Operation", "Operation"],
    ["ResultReason", "ResultReason"],
    ["MaskGeneratorHashingAlgorithm", "HashingAlgorithm"],
    ["HashingAlgorithm", "HashingAlgorithm"],
    ["UnwrapMode", "UnwrapMode"],
    ["DestroyAction", "DestroyAction"],
    ["KeyWrapType", "KeyWrapType"],
    ["ValidityIndicator", "ValidityIndicator"],
    ["ValidationType", "ValidationType"],
    ["ObjectGroupMember", "ObjectGroupMember"],
    ["ProfileName", "ProfileName"],
    ["BatchErrorContinuationOption", "BatchErrorContinuationOption"],
  ];

  for (const [tag, enumeration] of cases) {
    it(`gives ${tag} the ${enumeration} enumeration`, () => {
      expect(enumerationOfTag(Tag[tag as keyof typeof Tag])).to.equal(enumeration);
    });
  }

  it("gives no enumeration to tags of other types", () => {
    expect(enumerationOfTag(Tag.UniqueIdentifier)).to.equal(undefined);
    expect(enumerationOfTag(Tag.CryptographicUsageMask)).to.equal(undefined);
    expect(enumerationOfTag(0x540001)).to.equal(undefined);
  });

  it("gives every enumeration at least one tag", () => {
    const used = new Set(Object.values(Tag).map((tag) => enumerationOfTag(tag)));
    const unused = Object.keys(ENUMERATIONS).filter((name) => !used.has(name));
    expect(unused).to.deep.equal([]);
  });
});

describe("kmip dictionary: masks", () => {
  it("exports the bits of §9.1.3.3", () => {
    expect(CryptographicUsageMask.Encrypt).to.equal(0x4);
    expect(CryptographicUsageMask.Decrypt).to.equal(0x8);
    expect(CryptographicUsageMask.TranslateUnwrap).to.equal(0x80000);
    expect(StorageStatusMask.OnLineStorage).to.equal(1);
    expect(StorageStatusMask.ArchivalStorage).to.equal(2);
  });

  it("combines bit names and hex components", () => {
    expect(maskFromNames("CryptographicUsageMask", ["Encrypt", "Decrypt"])).to.equal(0x0c);
    expect(maskFromNames("CryptographicUsageMask", ["Sign", "0x00001000"])).to.equal(0x1001);
    expect(maskFromNames("CryptographicUsageMask", ["0x80000000"])).to.equal(0x80000000);
    expect(maskFromNames("StorageStatusMask", [])).to.equal(0);
  });

  it("rejects an unknown bit name with KMIP_UNKNOWN_MASK_BIT", () => {
    const attempt = () => maskFromNames("CryptographicUsageMask", ["Encrypt", "Frobnicate"]);
    expect(attempt).to.throw(KmipcheckError, /"Frobnicate" is not a bit of CryptographicUsageMask/);
    try {
      attempt();
    } catch (error) {
      expect((error as KmipcheckError).code).to.equal("KMIP_UNKNOWN_MASK_BIT");
      expect((error as KmipcheckError).context).to.deep.equal({ mask: "CryptographicUsageMask", name: "Frobnicate" });
    }
  });

  it("rejects an unknown mask with KMIP_UNKNOWN_MASK", () => {
    expect(() => maskFromNames("NoSuchMask", ["Encrypt"])).to.throw(KmipcheckError, /Unknown bit mask "NoSuchMask"/);
  });

  it("lists set bits and keeps unnamed bits as hex", () => {
    expect(maskNames("CryptographicUsageMask", 0x0c)).to.deep.equal(["Encrypt", "Decrypt"]);
    expect(maskNames("CryptographicUsageMask", 0)).to.deep.equal([]);
    expect(maskNames("CryptographicUsageMask", 0x80100001)).to.deep.equal(["Sign", "0x80100000"]);
    expect(maskNames("StorageStatusMask", 3)).to.deep.equal(["OnLineStorage", "ArchivalStorage"]);
  });

  it("round-trips every single bit and a negative Integer", () => {
    for (const bit of Object.values(CryptographicUsageMask)) {
      expect(maskFromNames("CryptographicUsageMask", maskNames("CryptographicUsageMask", bit))).to.equal(bit);
    }
    expect(maskFromNames("CryptographicUsageMask", maskNames("CryptographicUsageMask", -1))).to.equal(0xffffffff);
  });

  it("finds the mask of a tag and of an attribute", () => {
    expect(maskOfTag(Tag.CryptographicUsageMask)).to.equal("CryptographicUsageMask");
    expect(maskOfTag(Tag.StorageStatusMask)).to.equal("StorageStatusMask");
    expect(maskOfTag(Tag.CryptographicLength)).to.equal(undefined);
    expect(maskOfAttribute("Cryptographic Usage Mask")).to.equal("CryptographicUsageMask");
    expect(maskOfAttribute("Cryptographic Length")).to.equal(undefined);
  });
});

describe("kmip dictionary: attributes", () => {
  const cases: Array<[string, number, ItemType, boolean, string | undefined]> = [
    ["Unique Identifier", Tag.UniqueIdentifier, ItemType.TextString, false, undefined],
    ["Name", Tag.Name, ItemType.Structure, true, undefined],
    ["Object Type", Tag.ObjectType, ItemType.Enumeration, false, "ObjectType"],
    ["Cryptographic Algorithm", Tag.CryptographicAlgorithm, ItemType.Enumeration, false, "CryptographicAlgorithm"],
    ["Cryptographic Length", Tag.CryptographicLength, ItemType.Integer, false, undefined],
    ["Cryptographic Parameters", Tag.CryptographicParameters, ItemType.Structure, true, undefined],
    ["Cryptographic Usage Mask", Tag.CryptographicUsageMask, ItemType.Integer, false, undefined],
    ["Digital Signature Algorithm", Tag.DigitalSignatureAlgorithm, ItemType.Enumeration, true, "DigitalSignatureAlgorithm"],
    ["Lease Time", Tag.LeaseTime, ItemType.Interval, false, undefined],
    ["State", Tag.State, ItemType.Enumeration, false, "State"],
    ["Activation Date", Tag.ActivationDate, ItemType.DateTime, false, undefined],
    ["Object Group", Tag.ObjectGroup, ItemType.TextString, true, undefined],
    ["Fresh", Tag.Fresh, ItemType.Boolean, false, undefined],
    ["Link", Tag.Link, ItemType.Structure, true, undefined],
    ["Random Number Generator", Tag.RandomNumberGenerator, ItemType.Structure, false, undefined],
    ["Comment", Tag.Comment, ItemType.TextString, false, undefined],
    ["Always Sensitive", Tag.AlwaysSensitive, ItemType.Boolean, false, undefined],
  ];

  for (const [name, tag, type, multiInstance, enumeration] of cases) {
    it(`defines "${name}"`, () => {
      const attribute = attributeByName(name);
      expect(attribute?.name).to.equal(name);
      expect(attribute?.tag).to.equal(tag);
      expect(attribute?.type).to.equal(type);
      expect(attribute?.multiInstance).to.equal(multiInstance);
      expect(attribute?.enumeration).to.equal(enumeration);
      expect(enumerationOfAttribute(name)).to.equal(enumeration);
    });
  }

  it("lists the 50 typed attributes of §3 in section order", () => {
    const names = attributeNames();
    expect(names).to.have.length(50);
    expect(names[0]).to.equal("Unique Identifier");
    expect(names.at(-1)).to.equal("Never Extractable");
    expect(names).to.not.include("Custom Attribute");
  });

  it("names each attribute after its tag", () => {
    for (const attribute of ATTRIBUTES) {
      expect(tagName(attribute.tag)).to.equal(normalizeName(attribute.name));
    }
  });

  it("records the version that added an attribute", () => {
    expect(attributeByName("Name")?.since).to.equal("1.0");
    expect(attributeByName("Fresh")?.since).to.equal("1.1");
    expect(attributeByName("Original Creation Date")?.since).to.equal("1.2");
    expect(attributeByName("Random Number Generator")?.since).to.equal("1.3");
    expect(attributeByName("Sensitive")?.since).to.equal("1.4");
  });

  it("returns undefined for custom and unknown names", () => {
    expect(attributeByName("x-ID")).to.equal(undefined);
    expect(attributeByName("y-Server")).to.equal(undefined);
    expect(attributeByName("CryptographicAlgorithm")).to.equal(undefined);
    expect(attributeByName("cryptographic algorithm")).to.equal(undefined);
    expect(enumerationOfAttribute("x-ID")).to.equal(undefined);
    expect(maskOfAttribute("x-ID")).to.equal(undefined);
  });
});
