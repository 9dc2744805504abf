// `show` needs `T: Describe`; `u8` has no impl of it: E0277 at the argument.
trait Describe {
    fn describe(&self) -> String;
}

fn show<T: Describe>(x: T) -> String {
    x.describe()
}

async fn main() {
    let s = show(5u8);
    println!("{s}");
}
