// Instances of a generic struct have the layout of their fields, as rustc gives them:
// `Wrapper<u8>` is 1 byte (`small`: tag, two of them, `YieldNow`: 4 bytes), `Wrapper<u64>` 8,
// `Pair<u8, u64>` 16 (fields ordered by alignment).
struct Wrapper<T> {
    inner: T,
}

struct Pair<A, B> {
    first: A,
    second: B,
}

async fn small() -> u8 {
    let a = Wrapper { inner: 1u8 };
    let b = Wrapper { inner: 2u8 };
    yield_now().await;
    a.inner + b.inner
}

async fn big() -> u64 {
    let w = Wrapper { inner: 5u64 };
    let p = Pair { first: 1u8, second: 2u64 };
    yield_now().await;
    w.inner + p.second + p.first as u64
}

async fn main() {
    println!("{} {}", small().await, big().await);
}
