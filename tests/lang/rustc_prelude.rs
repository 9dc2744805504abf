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

    pub mod future {
        pub use super::{join, ready};
    }
    pub mod task {
        pub use super::{spawn, yield_now};
    }
    // The futures crate's no-op waker (not in std).
    pub mod futures {
        pub mod task {
            pub fn noop_waker() -> std::task::Waker {
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
        pub fn spawn<F: std::future::Future + 'static>(_future: F) {}
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
#[allow(unused_imports)]
use awaitscope_prelude::*;
