// Stubs of Awaitscope's emulated API, so that rustc can type- and borrow-check a corpus program
// (scripts/check_lang_corpus_with_rustc.sh appends this to each program). Only the signatures
// matter: nothing here runs.
mod awaitscope_prelude {
    pub use std::future::Future;
    pub use std::marker::PhantomPinned;
    pub use std::pin::Pin;
    pub use std::task::{Context, Poll};
    pub use std::time::Duration;

    pub async fn async_read_file(_path: &str) -> String {
        String::new()
    }
    pub async fn async_write_file(_path: &str, _contents: &str) {}
    pub async fn sleep(_duration: Duration) {}
    pub async fn yield_now() {}
    pub async fn ready<T>(value: T) -> T {
        value
    }
    pub async fn join<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
        (a.await, b.await)
    }
    // Tasks run on the emulated executor after the spawning function may have returned: like
    // tokio::spawn (without `Send`: the emulated machine has one core), the future must be 'static.
    pub fn spawn<F: Future + 'static>(_future: F) {}
    pub fn work(_duration: Duration) {}
    pub fn thread_sleep(_duration: Duration) {}

    pub struct TimerFuture;
    impl TimerFuture {
        pub fn new(_duration: Duration) -> TimerFuture {
            TimerFuture
        }
    }
    impl Future for TimerFuture {
        type Output = ();
        fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
            Poll::Ready(())
        }
    }

    pub struct ScancodeStream;
    impl ScancodeStream {
        pub fn new() -> ScancodeStream {
            ScancodeStream
        }
        pub async fn next(&mut self) -> Option<u8> {
            None
        }
    }

    #[derive(Debug)]
    pub struct Error(String);
    impl Error {
        pub fn new(message: &str) -> Error {
            Error(message.to_string())
        }
    }
    impl std::fmt::Display for Error {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{}", self.0)
        }
    }

    // `futures::FutureExt`'s combinators, as the scripts' `.map` / `.then` on a future.
    pub trait FutureExt: Future + Sized {
        fn map<U, F: FnOnce(Self::Output) -> U>(self, f: F) -> impl Future<Output = U> {
            async move { f(self.await) }
        }
        fn then<G: Future, F: FnOnce(Self::Output) -> G>(self, f: F) -> impl Future<Output = G::Output> {
            async move { f(self.await).await }
        }
    }
    impl<T: Future> FutureExt for T {}

    // tokio::select!'s expansion in short: the branches' futures are moved into one future that
    // polls them; the handler of the one that finished runs after all of them are dropped.
    pub enum SelectOut<A, B, C = (), D = ()> {
        _0(A),
        _1(B),
        _2(C),
        _3(D),
    }
    pub async fn select2<A: Future, B: Future>(_a: A, _b: B) -> SelectOut<A::Output, B::Output> {
        loop {}
    }
    pub async fn select3<A: Future, B: Future, C: Future>(_a: A, _b: B, _c: C) -> SelectOut<A::Output, B::Output, C::Output> {
        loop {}
    }
    pub async fn select4<A: Future, B: Future, C: Future, D: Future>(
        _a: A,
        _b: B,
        _c: C,
        _d: D,
    ) -> SelectOut<A::Output, B::Output, C::Output, D::Output> {
        loop {}
    }
    pub async fn join_all<F: Future>(_futures: Vec<F>) -> Vec<F::Output> {
        Vec::new()
    }

    pub mod future {
        pub use super::{join, join_all, ready};
    }
    pub mod task {
        pub use super::{spawn, yield_now};
    }
    // The futures crate's no-op waker (not in std).
    pub mod futures {
        pub use super::future;
        // futures' `stream::iter` and `StreamExt::next` of it.
        pub mod stream {
            pub struct Iter<I>(I);
            pub fn iter<I: IntoIterator>(items: I) -> Iter<I::IntoIter> {
                Iter(items.into_iter())
            }
            pub trait StreamExt {}
            impl<I> StreamExt for Iter<I> {}
            impl<I: Iterator> Iter<I> {
                pub async fn next(&mut self) -> Option<I::Item> {
                    self.0.next()
                }
            }
        }
        pub use crate::__awaitscope_join as join;
        pub use crate::__awaitscope_pin_mut as pin_mut;
        pub use crate::__awaitscope_try_join as try_join;
        pub mod task {
            pub fn noop_waker() -> std::task::Waker {
                std::task::Waker::noop().clone()
            }
            // futures' ArcWake and the wakers made from an `Arc` of such a type.
            pub trait ArcWake: Send + Sync {
                fn wake(self: std::sync::Arc<Self>) {
                    Self::wake_by_ref(&self)
                }
                fn wake_by_ref(arc_self: &std::sync::Arc<Self>);
            }
            pub fn waker<W: ArcWake + 'static>(_wake: std::sync::Arc<W>) -> std::task::Waker {
                std::task::Waker::noop().clone()
            }
        }
    }
    pub mod thread {
        pub fn sleep(_duration: super::Duration) {}
    }
    pub mod mem {
        pub use std::mem::{replace, swap};
    }
    // The x86_64 crate's instructions (not in std): their signatures.
    pub mod x86_64 {
        pub mod instructions {
            pub fn hlt() {}
            pub mod interrupts {
                pub fn enable() {}
                pub fn disable() {}
                pub fn enable_and_hlt() {}
                pub fn without_interrupts<F: FnOnce() -> R, R>(f: F) -> R {
                    f()
                }
            }
        }
    }
    // tokio's network types and I/O traits (not in std): their signatures. std's own
    // `std::net` and `std::io::{Read, Write}` are the real ones.
    pub mod tokio {
        pub use crate::__awaitscope_join as join;
        pub use crate::__awaitscope_pin_mut as pin;
        pub use crate::__awaitscope_tokio_select as select;
        pub use crate::__awaitscope_try_join as try_join;
        // tokio's multi-threaded runtime may move a task between threads: the future must be Send.
        pub fn spawn<F>(_future: F)
        where
            F: std::future::Future + Send + 'static,
            F::Output: Send + 'static,
        {
        }
        pub mod net {
            pub struct TcpListener;
            pub struct TcpStream;
            impl TcpListener {
                pub async fn bind(_addr: &str) -> std::io::Result<TcpListener> {
                    Ok(TcpListener)
                }
                pub async fn accept(&self) -> std::io::Result<(TcpStream, std::net::SocketAddr)> {
                    Err(std::io::Error::other("stub"))
                }
                pub fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
                    Err(std::io::Error::other("stub"))
                }
            }
            impl TcpStream {
                pub fn peer_addr(&self) -> std::io::Result<std::net::SocketAddr> {
                    Err(std::io::Error::other("stub"))
                }
            }
        }
        pub mod io {
            pub trait AsyncReadExt {
                fn read<'a>(&'a mut self, _buf: &'a mut [u8]) -> impl std::future::Future<Output = std::io::Result<usize>> + 'a {
                    async { Ok(0) }
                }
            }
            pub trait AsyncWriteExt {
                fn write_all<'a>(&'a mut self, _src: &'a [u8]) -> impl std::future::Future<Output = std::io::Result<()>> + 'a {
                    async { Ok(()) }
                }
            }
            impl AsyncReadExt for super::net::TcpStream {}
            impl AsyncWriteExt for super::net::TcpStream {}
        }
    }
    // The crossbeam-queue crate's bounded queue (not in std): its signatures.
    pub mod crossbeam_queue {
        pub struct ArrayQueue<T>(std::marker::PhantomData<T>);
        impl<T> ArrayQueue<T> {
            pub fn new(_capacity: usize) -> ArrayQueue<T> {
                ArrayQueue(std::marker::PhantomData)
            }
            pub fn push(&self, _value: T) -> Result<(), T> {
                Ok(())
            }
            pub fn pop(&self) -> Option<T> {
                None
            }
            pub fn len(&self) -> usize {
                0
            }
            pub fn is_empty(&self) -> bool {
                true
            }
            pub fn is_full(&self) -> bool {
                false
            }
        }
    }
}
// tokio::select! { pattern = future => handler, .. } (2 to 4 branches; `biased;` accepted).
#[macro_export]
#[doc(hidden)]
macro_rules! __awaitscope_tokio_select {
    (biased; $($rest:tt)*) => { $crate::__awaitscope_tokio_select!(@munch [] $($rest)*) };
    (@munch [$($done:tt)*]) => { $crate::__awaitscope_tokio_select!(@emit $($done)*) };
    (@munch [$($done:tt)*] $p:pat = $f:expr => $h:block , $($rest:tt)*) => {
        $crate::__awaitscope_tokio_select!(@munch [$($done)* ($p) ($f) ({ $h })] $($rest)*)
    };
    (@munch [$($done:tt)*] $p:pat = $f:expr => $h:block $($rest:tt)*) => {
        $crate::__awaitscope_tokio_select!(@munch [$($done)* ($p) ($f) ({ $h })] $($rest)*)
    };
    (@munch [$($done:tt)*] $p:pat = $f:expr => $h:expr , $($rest:tt)*) => {
        $crate::__awaitscope_tokio_select!(@munch [$($done)* ($p) ($f) ({ $h })] $($rest)*)
    };
    (@munch [$($done:tt)*] $p:pat = $f:expr => $h:expr) => {
        $crate::__awaitscope_tokio_select!(@munch [$($done)* ($p) ($f) ({ $h })])
    };
    (@emit ($p0:pat) ($f0:expr) ($h0:block) ($p1:pat) ($f1:expr) ($h1:block)) => {
        match $crate::awaitscope_prelude::select2($f0, $f1).await {
            $crate::awaitscope_prelude::SelectOut::_0($p0) => $h0,
            $crate::awaitscope_prelude::SelectOut::_1($p1) => $h1,
            _ => loop {},
        }
    };
    (@emit ($p0:pat) ($f0:expr) ($h0:block) ($p1:pat) ($f1:expr) ($h1:block) ($p2:pat) ($f2:expr) ($h2:block)) => {
        match $crate::awaitscope_prelude::select3($f0, $f1, $f2).await {
            $crate::awaitscope_prelude::SelectOut::_0($p0) => $h0,
            $crate::awaitscope_prelude::SelectOut::_1($p1) => $h1,
            $crate::awaitscope_prelude::SelectOut::_2($p2) => $h2,
            _ => loop {},
        }
    };
    (@emit ($p0:pat) ($f0:expr) ($h0:block) ($p1:pat) ($f1:expr) ($h1:block) ($p2:pat) ($f2:expr) ($h2:block)
           ($p3:pat) ($f3:expr) ($h3:block)) => {
        match $crate::awaitscope_prelude::select4($f0, $f1, $f2, $f3).await {
            $crate::awaitscope_prelude::SelectOut::_0($p0) => $h0,
            $crate::awaitscope_prelude::SelectOut::_1($p1) => $h1,
            $crate::awaitscope_prelude::SelectOut::_2($p2) => $h2,
            $crate::awaitscope_prelude::SelectOut::_3($p3) => $h3,
        }
    };
    ($($rest:tt)*) => { $crate::__awaitscope_tokio_select!(@munch [] $($rest)*) };
}
// futures::join! / tokio::join! in short: every future's output, in order (the futures are moved in).
#[macro_export]
#[doc(hidden)]
macro_rules! __awaitscope_join {
    ($($f:expr),+ $(,)?) => { async { ($($f.await,)+) }.await };
}
// futures::try_join! / tokio::try_join!: `Ok` of every output, or the first `Err` (one error type).
#[macro_export]
#[doc(hidden)]
macro_rules! __awaitscope_try_join {
    ($($f:expr),+ $(,)?) => {
        async { Ok(($(match $f.await { Ok(v) => v, Err(e) => return Err(e) },)+)) }.await
    };
}
// futures::pin_mut! / tokio::pin!, as the crates expand them: each variable moved and shadowed by
// a `Pin<&mut _>` to it.
#[macro_export]
#[doc(hidden)]
macro_rules! __awaitscope_pin_mut {
    ($($x:ident),+ $(,)?) => {
        $(
            let mut $x = $x;
            #[allow(unused_mut)]
            let mut $x = unsafe { std::pin::Pin::new_unchecked(&mut $x) };
        )+
    };
}
#[allow(unused_imports)]
use awaitscope_prelude::*;
