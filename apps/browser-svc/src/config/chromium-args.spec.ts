import { splitChromiumArgs } from './chromium-args';

describe(splitChromiumArgs.name, () => {
  it('should return no flags when the value is empty or blank', () => {
    expect(splitChromiumArgs('')).toEqual([]);
    expect(splitChromiumArgs('   ')).toEqual([]);
  });

  it('should split flags separated by spaces or commas', () => {
    expect(splitChromiumArgs('--lang=en --mute-audio,--disable-extensions ,  --x')).toEqual([
      '--lang=en',
      '--mute-audio',
      '--disable-extensions',
      '--x',
    ]);
  });

  it('should keep a flag whole when its value holds spaces and commas', () => {
    expect(splitChromiumArgs('--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1 --lang=en')).toEqual([
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      '--lang=en',
    ]);
  });
});
