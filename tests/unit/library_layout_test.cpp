// Sizes of the library types (Arc, Mutex, VecDeque, BTreeMap, the mpsc channel ends, JoinHandle)
// as rustc 1.95 lays them out on x86-64: every figure is printed by scripts/rust_sizes.rs, except
// crossbeam's ArrayQueue (not in std): two 128-byte CachePadded counters, then its buffer and
// lap fields padded to 128.
#include <gtest/gtest.h>

#include "awaitscope/types.h"

namespace aws {
namespace {

class LibraryLayouts : public ::testing::Test {
 protected:
  TypeTable T;
  TypeRef u8 = T.Int(IntKind::U8), i32 = T.Int(IntKind::I32), u64 = T.Int(IntKind::U64);
  std::string Of(TypeRef t) {
    Layout l = LayoutOf(t, [](int) { return Layout{0, 1}; }, [](const StructDecl*) { return Layout{0, 1}; });
    return TypeName(t) + " " + std::to_string(l.size) + " " + std::to_string(l.align);
  }
  TypeRef Lib(const char* name, std::vector<TypeRef> args) { return T.Library(name, std::move(args)); }
};

TEST_F(LibraryLayouts, ArcAndMutex) {
  EXPECT_EQ(Of(Lib("Arc", {u64})), "Arc<u64> 8 8");
  EXPECT_EQ(Of(T.Option(Lib("Arc", {u64}))), "Option<Arc<u64>> 8 8");
  EXPECT_EQ(Of(Lib("Mutex", {u64})), "Mutex<u64> 16 8");
  EXPECT_EQ(Of(Lib("Mutex", {i32})), "Mutex<i32> 12 4");
  EXPECT_EQ(Of(Lib("Mutex", {u8})), "Mutex<u8> 8 4");
  EXPECT_EQ(Of(Lib("Mutex", {T.Unit()})), "Mutex<()> 8 4");
  EXPECT_EQ(Of(Lib("Mutex", {T.String()})), "Mutex<String> 32 8");
  EXPECT_EQ(Of(Lib("Mutex", {T.Option(u64)})), "Mutex<Option<u64>> 24 8");
  // The value sits in an UnsafeCell: no niche for an Option around the mutex.
  EXPECT_EQ(Of(T.Option(Lib("Mutex", {u64}))), "Option<Mutex<u64>> 24 8");
  EXPECT_EQ(Of(T.Option(Lib("Mutex", {u8}))), "Option<Mutex<u8>> 12 4");
  EXPECT_EQ(Of(Lib("MutexGuard", {u64})), "MutexGuard<u64> 16 8");
  EXPECT_EQ(Of(T.Option(Lib("MutexGuard", {u64}))), "Option<MutexGuard<u64>> 16 8");
}

TEST_F(LibraryLayouts, Collections) {
  EXPECT_EQ(Of(Lib("VecDeque", {u64})), "VecDeque<u64> 32 8");
  EXPECT_EQ(Of(T.Option(Lib("VecDeque", {u64}))), "Option<VecDeque<u64>> 32 8");
  EXPECT_EQ(Of(Lib("BTreeMap", {u64, T.String()})), "BTreeMap<u64, String> 24 8");
  EXPECT_EQ(Of(T.Option(Lib("BTreeMap", {u64, T.String()}))), "Option<BTreeMap<u64, String>> 32 8");
  EXPECT_EQ(Of(Lib("Entry", {u64, T.String()})), "Entry<u64, String> 40 8");
  EXPECT_EQ(Of(Lib("Entry", {u8, u8})), "Entry<u8, u8> 40 8");
  EXPECT_EQ(Of(T.Option(Lib("Entry", {u8, u8}))), "Option<Entry<u8, u8>> 48 8");
  EXPECT_EQ(Of(Lib("ArrayQueue", {u64})), "ArrayQueue<u64> 384 128");
}

TEST_F(LibraryLayouts, ChannelsAndThreads) {
  EXPECT_EQ(Of(Lib("Sender", {u64})), "Sender<u64> 16 8");
  EXPECT_EQ(Of(Lib("SyncSender", {u64})), "SyncSender<u64> 16 8");
  EXPECT_EQ(Of(Lib("Receiver", {u64})), "Receiver<u64> 16 8");
  EXPECT_EQ(Of(T.Option(Lib("Sender", {u64}))), "Option<Sender<u64>> 16 8");
  EXPECT_EQ(Of(T.Option(T.Option(Lib("Receiver", {u8})))), "Option<Option<Receiver<u8>>> 16 8");
  EXPECT_EQ(Of(Lib("RecvError", {})), "RecvError 0 1");
  EXPECT_EQ(Of(Lib("TryRecvError", {})), "TryRecvError 1 1");
  EXPECT_EQ(Of(T.Option(Lib("TryRecvError", {}))), "Option<TryRecvError> 1 1");
  EXPECT_EQ(Of(Lib("SendError", {u64})), "SendError<u64> 8 8");
  EXPECT_EQ(Of(T.Result(T.Unit(), Lib("SendError", {u64}))), "Result<(), SendError<u64>> 16 8");
  EXPECT_EQ(Of(T.Result(u64, Lib("RecvError", {}))), "Result<u64, RecvError> 16 8");
  EXPECT_EQ(Of(T.Result(u64, Lib("TryRecvError", {}))), "Result<u64, TryRecvError> 16 8");
  EXPECT_EQ(Of(Lib("JoinHandle", {T.Unit()})), "JoinHandle<()> 24 8");
  EXPECT_EQ(Of(T.Option(Lib("JoinHandle", {T.Unit()}))), "Option<JoinHandle<()>> 24 8");
  TypeRef guard = Lib("MutexGuard", {u64});
  EXPECT_EQ(Of(T.Result(guard, Lib("PoisonError", {guard}))), "Result<MutexGuard<u64>, PoisonError<MutexGuard<u64>>> 24 8");
}

}  // namespace
}  // namespace aws
