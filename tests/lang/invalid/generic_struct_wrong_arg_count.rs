// `Wrapper` takes one type argument: E0107 at its name.
struct Wrapper<T> {
    inner: T,
}

async fn main() {
    let w: Wrapper<u8, u8> = Wrapper { inner: 1 };
    println!("{}", w.inner);
}
