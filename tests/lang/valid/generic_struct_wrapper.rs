// A generic struct with an inherent generic impl and a trait impl bounded on its parameter;
// `Wrapper<u8>` is 1 byte and `Wrapper<u64>` 8, as rustc lays them out.
trait Describe {
    fn describe(&self) -> String;
}

struct Dog;

impl Describe for Dog {
    fn describe(&self) -> String {
        String::from("dog")
    }
}

struct Wrapper<T> {
    inner: T,
}

impl<T> Wrapper<T> {
    fn new(inner: T) -> Self {
        Wrapper { inner }
    }
    fn get(&self) -> &T {
        &self.inner
    }
    fn into_inner(self) -> T {
        self.inner
    }
}

impl<T: Describe> Describe for Wrapper<T> {
    fn describe(&self) -> String {
        format!("wrapped {}", self.inner.describe())
    }
}

fn show<T: Describe>(x: &T) -> String {
    x.describe()
}

async fn main() {
    let small = Wrapper::<u8>::new(7);
    let big: Wrapper<u64> = Wrapper::new(1 << 40);
    yield_now().await;
    println!("{} {}", small.get(), big.into_inner());
    let w = Wrapper::new(Dog);
    println!("{}", show(&w));
    println!("{}", Wrapper { inner: Wrapper::new(Dog) }.describe());
    println!("{}", small.inner);
}
