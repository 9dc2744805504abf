// Sizes as rustc lays types out on x86-64 (issue 9 §3). Every figure here is printed by
// scripts/rust_sizes.rs (rustc 1.95); the README's size table quotes the same numbers.
#include <gtest/gtest.h>

#include "awaitscope/types.h"

namespace aws {
namespace {

class Layouts : public ::testing::Test {
 protected:
  TypeTable T;
  TypeRef u8 = T.Int(IntKind::U8), u32 = T.Int(IntKind::U32), i32 = T.Int(IntKind::I32);
  TypeRef u64 = T.Int(IntKind::U64), i64 = T.Int(IntKind::I64), usize = T.Int(IntKind::Usize);
  std::string Of(TypeRef t) {
    Layout l = LayoutOf(t, [](int) { return Layout{0, 1}; }, [](const StructDecl*) { return Layout{0, 1}; });
    return TypeName(t) + " " + std::to_string(l.size) + " " + std::to_string(l.align);
  }
};

TEST_F(Layouts, ScalarsPointersAndStrings) {
  EXPECT_EQ(Of(T.Unit()), "() 0 1");
  EXPECT_EQ(Of(T.Bool()), "bool 1 1");
  EXPECT_EQ(Of(T.Char()), "char 4 4");
  EXPECT_EQ(Of(u8), "u8 1 1");
  EXPECT_EQ(Of(u32), "u32 4 4");
  EXPECT_EQ(Of(i32), "i32 4 4");
  EXPECT_EQ(Of(u64), "u64 8 8");
  EXPECT_EQ(Of(i64), "i64 8 8");
  EXPECT_EQ(Of(usize), "usize 8 8");
  EXPECT_EQ(Of(T.Ref(T.Str(), false)), "&str 16 8");
  EXPECT_EQ(Of(T.String()), "String 24 8");
  EXPECT_EQ(Of(T.Vec(u8)), "Vec<u8> 24 8");
  EXPECT_EQ(Of(T.ErrorType()), "Error 24 8");
  EXPECT_EQ(Of(T.Duration()), "Duration 16 8");
  EXPECT_EQ(Of(T.Ref(u64, false)), "&u64 8 8");
  EXPECT_EQ(Of(T.Ref(T.String(), true)), "&mut String 8 8");
  EXPECT_EQ(Of(T.RawPtr(u8, false)), "*const u8 8 8");
  EXPECT_EQ(Of(T.Box(u64)), "Box<u64> 8 8");
  EXPECT_EQ(Of(T.Array(u32, 3)), "[u32; 3] 12 4");
  EXPECT_EQ(Of(T.PhantomPinned()), "PhantomPinned 0 1");
  EXPECT_EQ(Of(T.Pin(T.Box(u64))), "Pin<Box<u64>> 8 8");
  EXPECT_EQ(Of(T.Pin(T.Ref(u64, true))), "Pin<&mut u64> 8 8");
}

TEST_F(Layouts, TuplesAreReorderedLikeRustStructs) {
  EXPECT_EQ(Of(T.Tuple({u8, u64, u8})), "(u8, u64, u8) 16 8");
  EXPECT_EQ(Of(T.Tuple({u8, u32, u8})), "(u8, u32, u8) 8 4");
}

TEST_F(Layouts, TraitObjectPointersAreFat) {
  TypeRef dyn_i32 = T.Future(FutureKind::Dyn, i32), dyn_unit = T.Future(FutureKind::Dyn, T.Unit());
  EXPECT_EQ(Of(T.Box(dyn_i32)), "Box<dyn Future<Output = i32>> 16 8");
  EXPECT_EQ(Of(T.Pin(T.Box(dyn_unit))), "Pin<Box<dyn Future<Output = ()>>> 16 8");
  EXPECT_EQ(Of(T.Ref(dyn_unit, false)), "&dyn Future<Output = ()> 16 8");
  EXPECT_EQ(Of(T.Option(T.Box(dyn_i32))), "Option<Box<dyn Future<Output = i32>>> 16 8");
}

TEST_F(Layouts, EnumsUseNichesWhereRustcDoes) {
  EXPECT_EQ(Of(T.Option(u8)), "Option<u8> 2 1");
  EXPECT_EQ(Of(T.Option(i32)), "Option<i32> 8 4");
  EXPECT_EQ(Of(T.Option(u64)), "Option<u64> 16 8");
  EXPECT_EQ(Of(T.Option(T.Bool())), "Option<bool> 1 1");
  EXPECT_EQ(Of(T.Option(T.Char())), "Option<char> 4 4");
  EXPECT_EQ(Of(T.Option(T.Unit())), "Option<()> 1 1");
  EXPECT_EQ(Of(T.Option(T.Ref(T.Str(), false))), "Option<&str> 16 8");
  EXPECT_EQ(Of(T.Option(T.Ref(u64, false))), "Option<&u64> 8 8");
  EXPECT_EQ(Of(T.Option(T.Box(u64))), "Option<Box<u64>> 8 8");
  EXPECT_EQ(Of(T.Option(T.String())), "Option<String> 24 8");
  EXPECT_EQ(Of(T.Option(T.Vec(u8))), "Option<Vec<u8>> 24 8");
  EXPECT_EQ(Of(T.Option(T.Duration())), "Option<Duration> 16 8");
  EXPECT_EQ(Of(T.Option(T.RawPtr(u8, false))), "Option<*const u8> 16 8");
  EXPECT_EQ(Of(T.Option(T.Tuple({T.String(), u8}))), "Option<(String, u8)> 32 8");
  EXPECT_EQ(Of(T.Option(T.Tuple({u8, u32}))), "Option<(u8, u32)> 12 4");
  EXPECT_EQ(Of(T.Option(T.Option(u8))), "Option<Option<u8>> 2 1");
  EXPECT_EQ(Of(T.Option(T.Option(T.Box(u64)))), "Option<Option<Box<u64>>> 16 8");
  EXPECT_EQ(Of(T.Option(T.Pin(T.Box(u64)))), "Option<Pin<Box<u64>>> 8 8");
  EXPECT_EQ(Of(T.Result(u64, T.ErrorType())), "Result<u64, Error> 24 8");
  EXPECT_EQ(Of(T.Result(T.String(), T.ErrorType())), "Result<String, Error> 32 8");
  EXPECT_EQ(Of(T.Result(T.Unit(), T.ErrorType())), "Result<(), Error> 24 8");
  EXPECT_EQ(Of(T.Result(T.Vec(u8), T.ErrorType())), "Result<Vec<u8>, Error> 32 8");
  EXPECT_EQ(Of(T.Result(i32, i32)), "Result<i32, i32> 8 4");
  EXPECT_EQ(Of(T.Result(u8, u8)), "Result<u8, u8> 2 1");
  EXPECT_EQ(Of(T.Poll(T.Unit())), "Poll<()> 1 1");
  EXPECT_EQ(Of(T.Poll(u64)), "Poll<u64> 16 8");
  EXPECT_EQ(Of(T.Poll(T.String())), "Poll<String> 24 8");
  EXPECT_EQ(Of(T.Poll(T.Option(u8))), "Poll<Option<u8>> 2 1");
  EXPECT_EQ(Of(T.Option(T.Tuple({usize, T.Ref(i32, false)}))), "Option<(usize, &i32)> 16 8");
}

TEST_F(Layouts, IteratorsAsStdLaysThemOut) {
  TypeRef ri = T.Ref(i32, false);
  TypeRef slice = T.Iter(IterKind::SliceIter, ri);
  TypeRef range_i32 = T.Iter(IterKind::Range, i32);
  EXPECT_EQ(Of(range_i32), "Range<i32> 8 4");
  EXPECT_EQ(Of(T.Iter(IterKind::Range, u64)), "Range<u64> 16 8");
  EXPECT_EQ(Of(T.Iter(IterKind::Range, u8)), "Range<u8> 2 1");
  EXPECT_EQ(Of(T.Iter(IterKind::RangeInclusive, i32)), "RangeInclusive<i32> 12 4");
  EXPECT_EQ(Of(T.Iter(IterKind::RangeInclusive, u64)), "RangeInclusive<u64> 24 8");
  EXPECT_EQ(Of(T.Iter(IterKind::RangeFrom, i32)), "RangeFrom<i32> 4 4");
  EXPECT_EQ(Of(slice), "std::slice::Iter<'_, i32> 16 8");
  EXPECT_EQ(Of(T.Iter(IterKind::VecIntoIter, i32, {i32})), "std::vec::IntoIter<i32> 32 8");
  EXPECT_EQ(Of(T.Iter(IterKind::ArrayIntoIter, i32, {T.Array(i32, 3)})), "std::array::IntoIter<i32, 3> 32 8");
  EXPECT_EQ(Of(T.Iter(IterKind::ArrayIntoIter, u8, {T.Array(u8, 3)})), "std::array::IntoIter<u8, 3> 24 8");
  // A closure without a body here is zero-sized, as a non-capturing closure is.
  TypeRef map_fn = T.Closure({ri}, i32, -1), filter_fn = T.Closure({T.Ref(ri, false)}, T.Bool(), -1);
  EXPECT_EQ(Of(T.Iter(IterKind::Map, i32, {slice, map_fn})), "Map<std::slice::Iter<'_, i32>, impl Fn(&i32) -> i32> 16 8");
  EXPECT_EQ(Of(T.Iter(IterKind::Filter, ri, {slice, filter_fn})),
            "Filter<std::slice::Iter<'_, i32>, impl Fn(&&i32) -> bool> 16 8");
  EXPECT_EQ(Of(T.Iter(IterKind::Enumerate, T.Tuple({usize, ri}), {slice})), "Enumerate<std::slice::Iter<'_, i32>> 24 8");
  EXPECT_EQ(Of(T.Iter(IterKind::Enumerate, T.Tuple({usize, i32}), {range_i32})), "Enumerate<Range<i32>> 16 8");
  EXPECT_EQ(Of(T.Iter(IterKind::Zip, T.Tuple({ri, ri}), {slice, slice})),
            "Zip<std::slice::Iter<'_, i32>, std::slice::Iter<'_, i32>> 48 8");
  EXPECT_EQ(Of(T.Iter(IterKind::Zip, T.Tuple({i32, i32}), {range_i32, range_i32})), "Zip<Range<i32>, Range<i32>> 32 8");
  EXPECT_EQ(Of(T.Iter(IterKind::Rev, ri, {slice})), "Rev<std::slice::Iter<'_, i32>> 16 8");
  EXPECT_EQ(Of(T.Iter(IterKind::Rev, u8, {T.Iter(IterKind::Range, u8)})), "Rev<Range<u8>> 2 1");
}

}  // namespace
}  // namespace aws
