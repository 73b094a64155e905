// The values that DSL signatures and the model share (Value, UnitKind, UnitSelector) live in
// SlipwayVocabulary, the only module besides Slipway that a DSL file sees; every stage sees them
// through SlipwayModel.
@_exported import SlipwayVocabulary
