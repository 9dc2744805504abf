#include <gtest/gtest.h>

#include "awaitscope/lexer.h"
#include "awaitscope/diagnostics.h"

namespace aws {
namespace {

TEST(Lexer, KeywordsPunctuationAndLiterals) {
  SourceFile src("t.rs", "async fn f(x: u8) -> String { x.await? >= 0x1F_u32 }");
  Diagnostics d;
  LexResult r = Lex(src, d);
  ASSERT_TRUE(d.empty()) << d.Render();
  std::vector<Tok> kinds;
  for (const Token& t : r.tokens) kinds.push_back(t.kind);
  std::vector<Tok> want = {Tok::KwAsync, Tok::KwFn, Tok::Ident, Tok::LParen, Tok::Ident, Tok::Colon, Tok::Ident,
                           Tok::RParen, Tok::Arrow, Tok::Ident, Tok::LBrace, Tok::Ident, Tok::Dot, Tok::KwAwait,
                           Tok::Question, Tok::Ge, Tok::Int, Tok::RBrace, Tok::Eof};
  EXPECT_EQ(kinds, want);
  EXPECT_EQ(r.tokens[16].int_value, 0x1Fu);
  EXPECT_EQ(r.tokens[16].suffix, "u32");
}

TEST(Lexer, StateAnnotationsAreCollected) {
  SourceFile src("t.rs", "let a = f().await; // @state WaitingOnF\n// @start Begin\n");
  Diagnostics d;
  LexResult r = Lex(src, d);
  ASSERT_EQ(r.annotations.size(), 2u);
  EXPECT_EQ(r.annotations[0].key, "state");
  EXPECT_EQ(r.annotations[0].value, "WaitingOnF");
  EXPECT_EQ(r.annotations[0].line, 1u);
  EXPECT_EQ(r.annotations[1].key, "start");
  EXPECT_EQ(r.annotations[1].line, 2u);
}

TEST(Lexer, UnterminatedStringIsOneErrorWithLocation) {
  SourceFile src("bad.rs", "fn f() {\n  let s = \"abc;\n}\n");
  Diagnostics d;
  Lex(src, d);
  EXPECT_EQ(d.Headlines(), "bad.rs:2:11: error: unterminated string literal\n");
}

TEST(Lexer, BinaryBytesAreReportedOnceNotPassedThrough) {
  SourceFile src("bin.rs", std::string("fn\x01\xff", 4));
  Diagnostics d;
  Lex(src, d);
  // One message: after the first byte that is not text, the rest of the file is not looked at.
  EXPECT_EQ(d.Headlines(), "bin.rs:1:3: error: unexpected byte 0x01: this file is not script text\n");
}

}  // namespace
}  // namespace aws

namespace aws {
namespace {
TEST(Lexer, AWholeUnicodeCharacterIsOneUnexpectedCharacter) {
  SourceFile src("u.rs", "fn f() {\n  let x = 1 \xC2\xA7 2;\n}\n");
  Diagnostics d;
  Lex(src, d);
  EXPECT_EQ(d.Headlines(), "u.rs:2:13: error: unexpected character `\xC2\xA7`\n");
}
}  // namespace
}  // namespace aws

namespace aws {
namespace {
// An error rustc also reports carries its code, as rustc prints it; its note follows with a caret.
TEST(Diagnostics, ErrorCodeIsRenderedAsRustcDoesAndANoteFollows) {
  SourceFile src("t.rs", "let x = v;\nlet y = v;\n");
  Diagnostics diags;
  diags.ErrorWithCode(src, Span{19, 20}, "E0382", "use of moved value: `v`");
  diags.Note(src, Span{8, 9}, "value moved here");
  EXPECT_EQ(diags.Render(),
            "t.rs:2:9: error[E0382]: use of moved value: `v`\n"
            "  let y = v;\n"
            "          ^\n"
            "t.rs:1:9: note: value moved here\n"
            "  let x = v;\n"
            "          ^\n");
  EXPECT_EQ(diags.ErrorCount(), 1u);
}

// Past the first 100 errors, errors (and the notes that follow them) are counted, not kept, and the
// rendering ends with how many were left out; Append keeps the same cap.
TEST(Diagnostics, ErrorsPastTheFirstHundredAreCountedNotKept) {
  SourceFile src("t.rs", "let x = v;\n");
  Diagnostics diags;
  for (uint32_t i = 0; i < 250; ++i) {
    diags.Error(src, Span{i % 10, i % 10 + 1}, "error number " + std::to_string(i));
    diags.Note(src, Span{0, 1}, "its note " + std::to_string(i));
  }
  EXPECT_EQ(diags.ErrorCount(), 250u);
  EXPECT_EQ(diags.HiddenErrorCount(), 150u);
  ASSERT_EQ(diags.items().size(), 200u);  // 100 errors, each with its note
  EXPECT_EQ(diags.items()[198].message, "error number 99");
  EXPECT_EQ(diags.items()[199].message, "its note 99");
  const std::string rendered = diags.Render();
  const std::string last = "t.rs: note: 150 more errors are not shown (only the first 100 are)\n";
  ASSERT_GE(rendered.size(), last.size());
  EXPECT_EQ(rendered.substr(rendered.size() - last.size()), last);
  EXPECT_EQ(rendered.find("error number 100"), std::string::npos);

  Diagnostics both;
  both.Error(src, Span{0, 1}, "first");
  both.Append(diags);
  EXPECT_EQ(both.ErrorCount(), 251u);
  EXPECT_EQ(both.HiddenErrorCount(), 151u);  // diags' 150, and its 100th error no longer fits
  ASSERT_EQ(both.items().size(), 199u);  // "first", then 99 errors with their notes
  EXPECT_EQ(both.items()[197].message, "error number 98");
  EXPECT_EQ(both.items()[198].message, "its note 98");
}
}  // namespace
}  // namespace aws
