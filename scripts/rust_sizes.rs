// Prints std::mem::size_of and align_of, on this machine's target (x86-64 for the figures in
// tests/unit/layout_test.cpp and the README), for every built-in type of the script language
// and every row of the README's size table. Not run by CI:
//     rustc --edition 2021 -O scripts/rust_sizes.rs -o /tmp/rust_sizes && /tmp/rust_sizes
// Each line is `TYPE SIZE ALIGN`, TYPE spelled as Awaitscope's TypeName prints it (closures
// capturing nothing, or one reference, stand for the script's closures).
use std::future::Future;
use std::mem::{align_of, size_of};
use std::pin::Pin;
use std::task::Poll;
use std::time::Duration;

// The scenario's `Error`: a message.
#[allow(dead_code)]
struct Error(String);

// Instances of generic script structs (tests/lang/valid/generic_struct_sizes.rs).
#[allow(dead_code)]
struct Wrapper<T> {
    inner: T,
}
#[allow(dead_code)]
struct Pair<A, B> {
    first: A,
    second: B,
}

fn row<T>(name: &str) {
    println!("{} {} {}", name, size_of::<T>(), align_of::<T>());
}
fn row_of<T>(name: &str, _: &T) {
    row::<T>(name);
}

fn main() {
    row::<()>("()");
    row::<bool>("bool");
    row::<char>("char");
    row::<u8>("u8");
    row::<u32>("u32");
    row::<i32>("i32");
    row::<u64>("u64");
    row::<i64>("i64");
    row::<usize>("usize");
    row::<&str>("&str");
    row::<String>("String");
    row::<Vec<u8>>("Vec<u8>");
    row::<Error>("Error");
    row::<Wrapper<u8>>("Wrapper<u8>");
    row::<Wrapper<u64>>("Wrapper<u64>");
    row::<Pair<u8, u64>>("Pair<u8, u64>");
    row::<Duration>("Duration");
    row::<&u64>("&u64");
    row::<&mut String>("&mut String");
    row::<*const u8>("*const u8");
    row::<Box<u64>>("Box<u64>");
    row::<[u32; 3]>("[u32; 3]");
    row::<(u8, u64, u8)>("(u8, u64, u8)");
    row::<(u8, u32, u8)>("(u8, u32, u8)");
    row::<std::marker::PhantomPinned>("PhantomPinned");
    row::<Pin<Box<u64>>>("Pin<Box<u64>>");
    row::<Pin<&mut u64>>("Pin<&mut u64>");
    row::<Box<dyn Future<Output = i32>>>("Box<dyn Future<Output = i32>>");
    row::<Pin<Box<dyn Future<Output = ()>>>>("Pin<Box<dyn Future<Output = ()>>>");
    row::<&dyn Future<Output = ()>>("&dyn Future<Output = ()>");
    row::<Option<u8>>("Option<u8>");
    row::<Option<i32>>("Option<i32>");
    row::<Option<u64>>("Option<u64>");
    row::<Option<bool>>("Option<bool>");
    row::<Option<char>>("Option<char>");
    row::<Option<()>>("Option<()>");
    row::<Option<&str>>("Option<&str>");
    row::<Option<&u64>>("Option<&u64>");
    row::<Option<Box<u64>>>("Option<Box<u64>>");
    row::<Option<String>>("Option<String>");
    row::<Option<Vec<u8>>>("Option<Vec<u8>>");
    row::<Option<Duration>>("Option<Duration>");
    row::<Option<*const u8>>("Option<*const u8>");
    row::<Option<(String, u8)>>("Option<(String, u8)>");
    row::<Option<(u8, u32)>>("Option<(u8, u32)>");
    row::<Option<Option<u8>>>("Option<Option<u8>>");
    row::<Option<Option<Box<u64>>>>("Option<Option<Box<u64>>>");
    row::<Option<Pin<Box<u64>>>>("Option<Pin<Box<u64>>>");
    row::<Option<Box<dyn Future<Output = i32>>>>("Option<Box<dyn Future<Output = i32>>>");
    row::<Result<u64, Error>>("Result<u64, Error>");
    row::<Result<String, Error>>("Result<String, Error>");
    row::<Result<(), Error>>("Result<(), Error>");
    row::<Result<Vec<u8>, Error>>("Result<Vec<u8>, Error>");
    row::<Result<i32, i32>>("Result<i32, i32>");
    row::<Result<u8, u8>>("Result<u8, u8>");
    row::<Poll<()>>("Poll<()>");
    row::<Poll<u64>>("Poll<u64>");
    row::<Poll<String>>("Poll<String>");
    row::<Poll<Option<u8>>>("Poll<Option<u8>>");
    row::<Option<(usize, &i32)>>("Option<(usize, &i32)>");

    let v = vec![1i32, 2, 3];
    let k = 2i32;
    row_of("Range<i32>", &(0..3i32));
    row_of("Range<u64>", &(0..3u64));
    row_of("Range<u8>", &(0..3u8));
    row_of("RangeInclusive<i32>", &(0..=3i32));
    row_of("RangeInclusive<u64>", &(0..=3u64));
    row_of("RangeFrom<i32>", &(0i32..));
    row_of("std::slice::Iter<'_, i32>", &v.iter());
    row_of("std::vec::IntoIter<i32>", &v.clone().into_iter());
    row_of("std::array::IntoIter<i32, 3>", &[1i32, 2, 3].into_iter());
    row_of("std::array::IntoIter<u8, 3>", &[1u8, 2, 3].into_iter());
    row_of("Map<std::slice::Iter<'_, i32>, impl Fn(&i32) -> i32>", &v.iter().map(|x| x + 1));
    row_of("Map<std::slice::Iter<'_, i32>, impl Fn(&i32) -> i32> (captures &k)", &v.iter().map(|x| x + k));
    row_of("Filter<std::slice::Iter<'_, i32>, impl Fn(&&i32) -> bool>", &v.iter().filter(|x| **x > 1));
    row_of("Enumerate<std::slice::Iter<'_, i32>>", &v.iter().enumerate());
    row_of("Enumerate<Range<i32>>", &(0..3i32).enumerate());
    row_of("Zip<std::slice::Iter<'_, i32>, std::slice::Iter<'_, i32>>", &v.iter().zip(v.iter()));
    row_of("Zip<Range<i32>, Range<i32>>", &(0..3i32).zip(0..3i32));
    row_of("Rev<std::slice::Iter<'_, i32>>", &v.iter().rev());
    row_of("Rev<Range<u8>>", &(0..3u8).rev());
    // The library types (tests/unit/library_layout_test.cpp).
    use std::collections::{btree_map::Entry, BTreeMap, VecDeque};
    use std::sync::mpsc::{Receiver, RecvError, SendError, Sender, SyncSender, TryRecvError};
    use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
    row::<Arc<u64>>("Arc<u64>");
    row::<Option<Arc<u64>>>("Option<Arc<u64>>");
    row::<Mutex<u64>>("Mutex<u64>");
    row::<Mutex<i32>>("Mutex<i32>");
    row::<Mutex<u8>>("Mutex<u8>");
    row::<Mutex<()>>("Mutex<()>");
    row::<Mutex<String>>("Mutex<String>");
    row::<Mutex<Option<u64>>>("Mutex<Option<u64>>");
    row::<Option<Mutex<u64>>>("Option<Mutex<u64>>");
    row::<Option<Mutex<u8>>>("Option<Mutex<u8>>");
    row::<MutexGuard<u64>>("MutexGuard<u64>");
    row::<Option<MutexGuard<u64>>>("Option<MutexGuard<u64>>");
    row::<Result<MutexGuard<u64>, PoisonError<MutexGuard<u64>>>>("Result<MutexGuard<u64>, PoisonError<MutexGuard<u64>>>");
    row::<VecDeque<u64>>("VecDeque<u64>");
    row::<Option<VecDeque<u64>>>("Option<VecDeque<u64>>");
    row::<BTreeMap<u64, String>>("BTreeMap<u64, String>");
    row::<Option<BTreeMap<u64, String>>>("Option<BTreeMap<u64, String>>");
    row::<Entry<u64, String>>("Entry<u64, String>");
    row::<Entry<u8, u8>>("Entry<u8, u8>");
    row::<Option<Entry<u8, u8>>>("Option<Entry<u8, u8>>");
    row::<Sender<u64>>("Sender<u64>");
    row::<SyncSender<u64>>("SyncSender<u64>");
    row::<Receiver<u64>>("Receiver<u64>");
    row::<Option<Sender<u64>>>("Option<Sender<u64>>");
    row::<Option<Option<Receiver<u8>>>>("Option<Option<Receiver<u8>>>");
    row::<RecvError>("RecvError");
    row::<TryRecvError>("TryRecvError");
    row::<Option<TryRecvError>>("Option<TryRecvError>");
    row::<SendError<u64>>("SendError<u64>");
    row::<Result<(), SendError<u64>>>("Result<(), SendError<u64>>");
    row::<Result<u64, RecvError>>("Result<u64, RecvError>");
    row::<Result<u64, TryRecvError>>("Result<u64, TryRecvError>");
    row::<std::thread::JoinHandle<()>>("JoinHandle<()>");
    row::<Option<std::thread::JoinHandle<()>>>("Option<JoinHandle<()>>");
}
