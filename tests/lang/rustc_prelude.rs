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
    // futures' `future::ready`: a future that is `Unpin` and fused (futures::select! takes it).
    pub struct Ready<T>(Option<T>);
    impl<T> Unpin for Ready<T> {}
    impl<T> Future for Ready<T> {
        type Output = T;
        fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<T> {
            Poll::Ready(self.0.take().unwrap())
        }
    }
    pub fn ready<T>(value: T) -> Ready<T> {
        Ready(Some(value))
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

    // `futures::FutureExt`'s combinators, as the scripts' `.map` / `.then` on a future, `.fuse()`
    // for futures::select! and `.boxed()` for the async book's executor.
    pub trait FutureExt: Future + Sized {
        fn fuse(self) -> Fuse<Self> {
            Fuse(Some(self))
        }
        fn boxed<'a>(self) -> BoxFuture<'a, Self::Output>
        where
            Self: Send + 'a,
        {
            Box::pin(self)
        }
        fn map<U, F: FnOnce(Self::Output) -> U>(self, f: F) -> impl Future<Output = U> {
            async move { f(self.await) }
        }
        fn then<G: Future, F: FnOnce(Self::Output) -> G>(self, f: F) -> impl Future<Output = G::Output> {
            async move { f(self.await).await }
        }
    }
    impl<T: Future> FutureExt for T {}
    pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
    pub struct Fuse<F>(Option<F>);
    impl<F: Future> Future for Fuse<F> {
        type Output = F::Output;
        fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<F::Output> {
            Poll::Pending
        }
    }
    // futures' FusedFuture: what futures::select! needs of each future (with `Unpin`).
    pub trait FusedFuture: Future {
        fn is_terminated(&self) -> bool;
    }
    impl<F: Future> FusedFuture for Fuse<F> {
        fn is_terminated(&self) -> bool {
            self.0.is_none()
        }
    }
    impl<T> FusedFuture for Ready<T> {
        fn is_terminated(&self) -> bool {
            self.0.is_none()
        }
    }
    impl<F: FusedFuture + ?Sized> FusedFuture for Pin<&mut F> {
        fn is_terminated(&self) -> bool {
            F::is_terminated(&**self)
        }
    }
    // futures::select!'s expansion in short: each future polled through `&mut`, and the
    // `complete` / `default` arms.
    pub enum FSelectOut<A, B> {
        _0(A),
        _1(B),
        Complete,
        Default,
    }
    pub async fn fselect2<A: FusedFuture + Unpin, B: FusedFuture + Unpin>(
        _a: &mut A,
        _b: &mut B,
    ) -> FSelectOut<A::Output, B::Output> {
        loop {}
    }

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
        pub use super::{join, join_all, ready, BoxFuture, Fuse, FusedFuture, FutureExt, Ready};
    }
    pub mod task {
        pub use super::{spawn, yield_now};
    }
    // The futures crate's no-op waker (not in std).
    pub mod futures {
        pub use super::future;
        pub mod stream {
            pub use crate::awaitscope_prelude::streams::{iter, Iter, Stream, StreamExt};
        }
        pub use crate::__awaitscope_join as join;
        pub use crate::__awaitscope_pin_mut as pin_mut;
        pub use crate::__awaitscope_try_join as try_join;
        pub use crate::__awaitscope_futures_select as select;
        pub use super::FutureExt;
        pub mod task {
            // futures' waker_ref: a waker borrowed from an `&Arc<W>` (the crate's `WakerRef<'_>`
            // derefs to a `Waker`).
            pub fn waker_ref<W: ArcWake + 'static>(_wake: &std::sync::Arc<W>) -> std::task::Waker {
                std::task::Waker::noop().clone()
            }
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
    // futures' Stream and StreamExt (futures::stream, futures_util::stream), and `stream::iter`.
    pub mod streams {
        use std::future::Future;
        use std::ops::DerefMut;
        use std::pin::Pin;
        use std::task::{Context, Poll};
        pub trait Stream {
            type Item;
            fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>>;
        }
        impl<S: ?Sized + Stream + Unpin> Stream for &mut S {
            type Item = S::Item;
            fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
                Poll::Pending
            }
        }
        impl<P> Stream for Pin<P>
        where
            P: DerefMut + Unpin,
            P::Target: Stream,
        {
            type Item = <P::Target as Stream>::Item;
            fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
                Poll::Pending
            }
        }
        pub trait StreamExt: Stream {
            fn next(&mut self) -> impl Future<Output = Option<Self::Item>> + '_
            where
                Self: Unpin,
            {
                async { None }
            }
            fn map<T, F: FnMut(Self::Item) -> T>(self, f: F) -> Map<Self, F>
            where
                Self: Sized,
            {
                Map(self, f)
            }
            fn then<Fut: Future, F: FnMut(Self::Item) -> Fut>(self, f: F) -> Map<Self, F>
            where
                Self: Sized,
            {
                Map(self, f)
            }
            fn for_each<Fut: Future<Output = ()>, F: FnMut(Self::Item) -> Fut>(self, _f: F) -> impl Future<Output = ()>
            where
                Self: Sized,
            {
                async {}
            }
            fn collect<C: Default + Extend<Self::Item>>(self) -> impl Future<Output = C>
            where
                Self: Sized,
            {
                async { C::default() }
            }
        }
        impl<S: Stream + ?Sized> StreamExt for S {}
        pub struct Map<S, F>(S, F);
        impl<S: Stream, T, F: FnMut(S::Item) -> T> Stream for Map<S, F> {
            type Item = T;
            fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
                Poll::Pending
            }
        }
        pub struct Iter<I>(I);
        impl<I> Unpin for Iter<I> {}
        impl<I: Iterator> Stream for Iter<I> {
            type Item = I::Item;
            fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
                Poll::Pending
            }
        }
        pub fn iter<I: IntoIterator>(items: I) -> Iter<I::IntoIter> {
            Iter(items.into_iter())
        }
    }
    // tokio-stream: `iter` and its own StreamExt, whose `filter` takes a plain predicate.
    pub mod tokio_stream {
        pub use super::streams::{iter, Iter, Stream};
        use std::future::Future;
        use std::pin::Pin;
        use std::task::{Context, Poll};
        pub trait StreamExt: Stream {
            fn next(&mut self) -> impl Future<Output = Option<Self::Item>> + '_
            where
                Self: Unpin,
            {
                async { None }
            }
            fn map<T, F: FnMut(Self::Item) -> T>(self, f: F) -> super::streams::Map<Self, F>
            where
                Self: Sized,
            {
                super::streams::StreamExt::map(self, f)
            }
            fn filter<F: FnMut(&Self::Item) -> bool>(self, f: F) -> Filter<Self, F>
            where
                Self: Sized,
            {
                Filter(self, f)
            }
            fn take(self, n: usize) -> Take<Self>
            where
                Self: Sized,
            {
                Take(self, n)
            }
        }
        impl<S: Stream + ?Sized> StreamExt for S {}
        pub struct Filter<S, F>(S, F);
        impl<S: Stream, F: FnMut(&S::Item) -> bool> Stream for Filter<S, F> {
            type Item = S::Item;
            fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
                Poll::Pending
            }
        }
        impl<S: Unpin, F> Unpin for Filter<S, F> {}
        pub struct Take<S>(S, usize);
        impl<S: Stream> Stream for Take<S> {
            type Item = S::Item;
            fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
                Poll::Pending
            }
        }
    }
    // The blog's keyboard crates (not in std): conquer_once's OnceCell, futures_util's stream
    // traits and AtomicWaker.
    pub mod conquer_once {
        pub mod spin {
            #[derive(Debug)]
            pub struct AlreadyInit;
            #[derive(Debug)]
            pub struct Uninit;
            pub struct OnceCell<T>(std::marker::PhantomData<T>);
            unsafe impl<T> Sync for OnceCell<T> {}
            impl<T> OnceCell<T> {
                pub const fn uninit() -> OnceCell<T> {
                    OnceCell(std::marker::PhantomData)
                }
                pub fn try_init_once<F: FnOnce() -> T>(&self, _f: F) -> Result<(), AlreadyInit> {
                    Ok(())
                }
                pub fn try_get(&self) -> Result<&T, Uninit> {
                    Err(Uninit)
                }
            }
        }
    }
    pub mod futures_util {
        pub mod stream {
            pub use crate::awaitscope_prelude::streams::{iter, Stream, StreamExt};
        }
        pub mod task {
            pub struct AtomicWaker;
            impl AtomicWaker {
                pub const fn new() -> AtomicWaker {
                    AtomicWaker
                }
                pub fn register(&self, _waker: &std::task::Waker) {}
                pub fn wake(&self) {}
                pub fn take(&self) -> Option<std::task::Waker> {
                    None
                }
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
        pub use task::spawn;
        pub mod task {
            pub use crate::awaitscope_prelude::yield_now;
            use std::future::Future;
            use std::pin::Pin;
            use std::task::{Context, Poll};
            // tokio::spawn's handle: awaiting it gives the task's value (or the task's panic as
            // a JoinError). tokio's multi-threaded runtime may move a task between threads: the
            // future must be Send.
            pub fn spawn<F>(_future: F) -> JoinHandle<F::Output>
            where
                F: Future + Send + 'static,
                F::Output: Send + 'static,
            {
                JoinHandle(std::marker::PhantomData)
            }
            pub struct JoinHandle<T>(std::marker::PhantomData<T>);
            #[derive(Debug)]
            pub struct JoinError;
            impl<T> Unpin for JoinHandle<T> {}
            impl<T> Future for JoinHandle<T> {
                type Output = Result<T, JoinError>;
                fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
                    Poll::Pending
                }
            }
        }
        pub mod sync {
            pub mod mpsc {
                #[derive(Debug)]
                pub struct SendError<T>(pub T);
                pub struct Sender<T>(std::marker::PhantomData<T>);
                impl<T> Clone for Sender<T> {
                    fn clone(&self) -> Sender<T> {
                        Sender(std::marker::PhantomData)
                    }
                }
                pub struct Receiver<T>(std::marker::PhantomData<T>);
                pub fn channel<T>(_buffer: usize) -> (Sender<T>, Receiver<T>) {
                    (Sender(std::marker::PhantomData), Receiver(std::marker::PhantomData))
                }
                impl<T> Sender<T> {
                    pub async fn send(&self, _value: T) -> Result<(), SendError<T>> {
                        Ok(())
                    }
                }
                impl<T> Receiver<T> {
                    pub async fn recv(&mut self) -> Option<T> {
                        None
                    }
                }
                // the unbounded flavour: `send` is a plain call that never waits
                pub struct UnboundedSender<T>(std::marker::PhantomData<T>);
                impl<T> Clone for UnboundedSender<T> {
                    fn clone(&self) -> UnboundedSender<T> {
                        UnboundedSender(std::marker::PhantomData)
                    }
                }
                pub struct UnboundedReceiver<T>(std::marker::PhantomData<T>);
                pub fn unbounded_channel<T>() -> (UnboundedSender<T>, UnboundedReceiver<T>) {
                    (UnboundedSender(std::marker::PhantomData), UnboundedReceiver(std::marker::PhantomData))
                }
                impl<T> UnboundedSender<T> {
                    pub fn send(&self, value: T) -> Result<(), SendError<T>> {
                        Err(SendError(value))
                    }
                }
                impl<T> UnboundedReceiver<T> {
                    pub async fn recv(&mut self) -> Option<T> {
                        None
                    }
                }
            }
            pub mod oneshot {
                use std::future::Future;
                use std::pin::Pin;
                use std::task::{Context, Poll};
                #[derive(Debug)]
                pub struct RecvError;
                #[derive(Debug)]
                pub struct Sender<T>(std::marker::PhantomData<T>);
                #[derive(Debug)]
                pub struct Receiver<T>(std::marker::PhantomData<T>);
                pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
                    (Sender(std::marker::PhantomData), Receiver(std::marker::PhantomData))
                }
                impl<T> Sender<T> {
                    pub fn send(self, value: T) -> Result<(), T> {
                        Err(value)
                    }
                }
                impl<T> Unpin for Receiver<T> {}
                impl<T> Future for Receiver<T> {
                    type Output = Result<T, RecvError>;
                    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
                        Poll::Pending
                    }
                }
            }
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
// futures::select! { pattern = future => handler, .., complete => .., default => .. } with two
// future branches: each future (`FusedFuture + Unpin`) is polled through `&mut`, as the crate does.
#[macro_export]
#[doc(hidden)]
macro_rules! __awaitscope_futures_select {
    ($p0:pat = $f0:expr => $h0:expr, $p1:pat = $f1:expr => $h1:expr $(,)?) => {
        $crate::__awaitscope_futures_select!($p0 = $f0 => $h0, $p1 = $f1 => $h1, complete => panic!(), default => loop {},)
    };
    ($p0:pat = $f0:expr => $h0:expr, $p1:pat = $f1:expr => $h1:expr, complete => $hc:expr, default => $hd:expr $(,)?) => {
        match $crate::awaitscope_prelude::fselect2(&mut $f0, &mut $f1).await {
            $crate::awaitscope_prelude::FSelectOut::_0($p0) => $h0,
            $crate::awaitscope_prelude::FSelectOut::_1($p1) => $h1,
            $crate::awaitscope_prelude::FSelectOut::Complete => $hc,
            $crate::awaitscope_prelude::FSelectOut::Default => $hd,
        }
    };
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
